package org.jlvm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.shell.Shell;
import org.jlvm.cli.shell.ShellSettings;

/**
 * When {@code jlvm} is a shell: no arguments (interactive at a terminal, otherwise the lines of standard input),
 * or one argument that is not a command but a {@code #!} script, as lvm runs them.
 */
final class ShellEntry {
    private ShellEntry() {
    }

    static boolean handles(Dispatcher dispatcher, String invoked, String[] args) {
        if (!"jlvm".equals(invoked)) {
            return false;
        }
        if (args.length == 0) {
            return true;
        }
        try {
            return !dispatcher.knows(args[0]) && !args[0].startsWith("-") && Shell.isScript(Path.of(args[0]));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * Runs the shell.
     *
     * @param terminal whether standard input and output are a terminal
     */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, BufferedReader in,
            boolean terminal) {
        ShellCommands commands = new ShellCommands(env, out, err);
        try {
            if (args.length > 0) {
                return Shell.script(commands, Path.of(args[0]), in, out, err);
            }
            if (!terminal) {
                return Shell.lines(commands, in, out, err);
            }
            LvmHome home = LvmHome.fromEnvironment(env);
            // No activation state exists yet: every LV counts as active for the names offered after -an.
            return Shell.interactive(commands, ShellSettings.defaults(home), home, lv -> true, out, err);
        } catch (IOException e) {
            err.println("jlvm: " + ErrorMessages.describe(e));
            return ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
