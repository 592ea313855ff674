package org.jlvm.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.ExternalTerminal;
import org.jlvm.cli.lvm.vg.LvmHome;

/**
 * The shell's entry points for the CLI: at a terminal ({@code jlvm} with no arguments), over lines that are not
 * typed at a terminal (standard input that is a pipe or a file: no prompt, no escape codes, every line run), and
 * a {@code #!} script ({@code jlvm FILE}: stops at the first failing command, as lvm does).
 */
public final class Shell {
    private Shell() {
    }

    /**
     * The interactive shell on the process's terminal (jline picks the terminal; a dumb one works too).
     *
     * @param active which LVs are active, for the names offered after {@code lvchange -an}
     * @return the last command's exit status
     */
    public static int interactive(CommandSet commands, ShellSettings settings, LvmHome home,
            Predicate<String> active, PrintWriter out, PrintWriter err) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("jlvm").nativeSignals(true)
                .signalHandler(Terminal.SignalHandler.SIG_IGN).build()) {
            return new InteractiveShell(commands, settings, terminal, new OnDiskVolumeNames(home),
                    lv -> active.test(lv.path()), Path.of("").toAbsolutePath(), out, err).run();
        }
    }

    /**
     * For the start-up archive's training run: the interactive shell over an in-memory terminal, typing
     * {@code keys} (completion, a command, exit), so that the line editor's classes are recorded too.
     */
    public static void train(CommandSet commands, LvmHome home, String keys, PrintWriter out, PrintWriter err)
            throws IOException {
        try (Terminal terminal = new ExternalTerminal("jlvm-training", "xterm",
                new java.io.ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                java.io.OutputStream.nullOutputStream(), StandardCharsets.UTF_8)) {
            new InteractiveShell(commands, ShellSettings.defaults(home), terminal, new OnDiskVolumeNames(home),
                    lv -> true, Path.of("").toAbsolutePath(), out, err).run();
        }
    }

    /**
     * Runs every line of {@code lines} (standard input that is not a terminal), going on after failures; a
     * command's question reads its answer from the next line.
     *
     * @return the last command's exit status
     */
    public static int lines(CommandSet commands, BufferedReader lines, PrintWriter out, PrintWriter err)
            throws IOException {
        return new ShellSession(commands, out, err).runAll(lines, lines, false);
    }

    /** Whether {@code file} is a script lvm would run: a regular file whose first two bytes are {@code #!}. */
    public static boolean isScript(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == '#' && magic[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs the script {@code file}, stopping at the first failing command.
     *
     * @param input where the commands' questions read their answers (standard input)
     * @return 0, or the status of the command that failed
     */
    public static int script(CommandSet commands, Path file, BufferedReader input, PrintWriter out, PrintWriter err)
            throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new ShellSession(commands, out, err).runAll(lines, input, true);
        }
    }
}
