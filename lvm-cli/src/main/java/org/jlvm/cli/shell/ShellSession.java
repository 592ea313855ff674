package org.jlvm.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * What the shell does with one line, whoever typed it (a person, a {@code #!} script, a pipe): split it as lvm
 * does, drop a leading {@code lvm}/{@code jlvm}, handle the shell's own words ({@code exit}, {@code quit},
 * {@code echo}, {@code help}) and run everything else through the {@link CommandSet}. A failing command only
 * sets the status {@code echo $?} shows.
 */
final class ShellSession {
    /** Status of a line refused by the shell itself (lvm's EINVALID_CMD_LINE). */
    static final int INVALID = 3;

    /** What comes after a line. */
    enum Next { CONTINUE, EXIT }

    private final CommandSet commands;
    private final PrintWriter out;
    private final PrintWriter err;
    private int lastStatus;

    ShellSession(CommandSet commands, PrintWriter out, PrintWriter err) {
        this.commands = commands;
        this.out = out;
        this.err = err;
    }

    /** The exit status of the last command run (0 before the first). */
    int lastStatus() {
        return lastStatus;
    }

    /**
     * Runs one line.
     *
     * @param input where a command's yes/no question reads its answer
     * @param interactive whether a person answers
     */
    Next execute(String line, BufferedReader input, boolean interactive) {
        List<String> words = LineSplitter.texts(LineSplitter.split(line));
        if (words.size() >= LineSplitter.MAX_WORDS) {
            err.println("  Too many arguments, sorry.");
            err.flush();
            lastStatus = INVALID;
            return Next.CONTINUE;
        }
        if (!words.isEmpty() && (words.get(0).equals("lvm") || words.get(0).equals("jlvm"))) {
            words = words.subList(1, words.size());
        }
        if (words.isEmpty()) {
            return Next.CONTINUE;
        }
        switch (words.get(0)) {
            case "exit", "quit" -> {
                err.println("  Exiting.");
                err.flush();
                return Next.EXIT;
            }
            case "echo" -> {
                echo(words.subList(1, words.size()));
                return Next.CONTINUE;
            }
            default -> {
                lastStatus = commands.run(words, input, interactive);
                if (words.size() == 1 && (words.get(0).equals("help") || words.get(0).equals("--help"))) {
                    shellHelp();
                }
                out.flush();
                err.flush();
                return Next.CONTINUE;
            }
        }
    }

    /**
     * Runs the lines of {@code lines} until the end, {@code exit}/{@code quit}, or, with {@code stopOnFailure},
     * the first failing command, as lvm runs a script.
     *
     * @return the status of the last command run (the failing one when it stopped on a failure)
     */
    int runAll(BufferedReader lines, BufferedReader input, boolean stopOnFailure) throws IOException {
        for (String line; (line = lines.readLine()) != null;) {
            if (execute(line, input, false) == Next.EXIT || stopOnFailure && lastStatus != 0) {
                break;
            }
        }
        return lastStatus;
    }

    private void echo(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(a.replace("$?", Integer.toString(lastStatus)));
        }
        out.println(b);
        out.flush();
    }

    private void shellHelp() {
        out.println();
        out.println("In the shell:");
        out.printf("  %-22s %s%n", "exit, quit, Ctrl-D", "leave the shell");
        out.printf("  %-22s %s%n", "echo $?", "the exit status of the last command");
        out.printf("  %-22s %s%n", "Tab", "complete commands, options, values, VG/LV names and PV paths");
        out.printf("  %-22s %s%n", "Ctrl-R", "search the history");
        out.printf("  %-22s %s%n", "Ctrl-C", "cancel the line being typed, or a running command that only reads");
    }
}
