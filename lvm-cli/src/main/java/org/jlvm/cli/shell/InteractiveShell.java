package org.jlvm.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jlvm.tools.ir.Cancellation;

/**
 * The shell at a terminal: jline's line editor with lvm's prompt, splitting and history (saved after every
 * line, {@code exit}/{@code quit} not kept), Ctrl-R search, Tab completion; Ctrl-C drops the line being typed,
 * Ctrl-D on an empty line leaves. While a command runs, Ctrl-C cancels it if it only reads (it stops at its next
 * cancellation point, says it was interrupted and fails); a command that writes always finishes what it writes,
 * but a question it asks takes Ctrl-C as "no".
 */
final class InteractiveShell {
    private final ShellSession session;
    private final ShellSettings settings;
    private final Terminal terminal;
    private final ShellCompleter completer;
    private final PrintWriter err;
    /** How many Ctrl-C were pressed while no line was being edited. */
    private final AtomicLong interrupts = new AtomicLong();
    /** The cancellation of the line being run, if any. */
    private volatile Cancellation running;

    InteractiveShell(CommandSet commands, ShellSettings settings, Terminal terminal, VolumeNames names,
            Predicate<VolumeNames.Lv> active, Path cwd, PrintWriter out, PrintWriter err) {
        this.session = new ShellSession(commands, out, err);
        this.settings = settings;
        this.terminal = terminal;
        this.completer = new ShellCompleter(commands, names, active, cwd);
        this.err = err;
    }

    /** Reads and runs lines until exit; returns the last command's status. */
    int run() {
        LineReader reader = reader();
        BufferedReader answers = new BufferedReader(new AnswerReader(terminal, interrupts::get));
        // the line editor handles Ctrl-C itself while it reads a line, and puts this handler back afterwards
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> interrupt());
        try {
            return loop(reader, answers);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    /** Ctrl-C while a command runs: cancels it if it only reads (and ends a question it asks, as "no"). */
    private void interrupt() {
        interrupts.incrementAndGet();
        Cancellation c = running;
        if (c != null) {
            c.request();
        }
    }

    private int loop(LineReader reader, BufferedReader answers) {
        while (true) {
            String line;
            try {
                line = reader.readLine(settings.prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                terminal.writer().println();
                terminal.flush();
                break;
            }
            String typed = line;
            Cancellation cancellation = new Cancellation();
            running = cancellation;
            ShellSession.Next next;
            try {
                next = cancellation.run(() -> session.execute(typed, answers, true));
            } finally {
                running = null;
                cancellation.close();
            }
            saveHistory(reader);
            if (next == ShellSession.Next.EXIT) {
                break;
            }
        }
        return session.lastStatus();
    }

    private LineReader reader() {
        try {
            Path parent = settings.historyFile().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            err.println("  WARNING: history not kept: " + e.getMessage());
            err.flush();
        }
        return LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("jlvm")
                .parser(new LvmLineParser())
                .completer(completer)
                .variable(LineReader.HISTORY_FILE, settings.historyFile())
                .variable(LineReader.HISTORY_SIZE, settings.historySize())
                .variable(LineReader.HISTORY_FILE_SIZE, settings.historySize())
                .variable(LineReader.HISTORY_IGNORE, "exit:quit")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .build();
    }

    private void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            err.println("  WARNING: history not saved: " + e.getMessage());
            err.flush();
        }
    }
}
