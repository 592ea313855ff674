package org.jlvm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.jlvm.cli.config.Config;
import org.jlvm.cli.config.ConfigSchema;
import org.jlvm.cli.config.ConfigSource;
import org.jlvm.cli.daemon.DaemonPools;
import org.jlvm.cli.lvm.vg.LvmError;
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
            return Shell.interactive(commands, settings(home), home, activeLvs(home), out, err);
        } catch (IOException | LvmError e) {
            err.println("jlvm: " + ErrorMessages.describe(e));
            return ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The prompt and history size from {@code jlvm.yaml} ({@code shell/prompt}, {@code shell/history_size}). */
    static ShellSettings settings(LvmHome home) throws IOException {
        Config conf = Config.defaults().with(ConfigSource.readYaml(home.root().resolve(ConfigSource.FILE_NAME)));
        ShellSettings d = ShellSettings.defaults(home);
        long size = conf.number(ConfigSchema.SHELL_HISTORY_SIZE, d.historySize());
        return new ShellSettings(conf.string(ConfigSchema.SHELL_PROMPT, d.prompt()), d.historyFile(),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, size)));
    }

    /** Whether {@code VG/LV} is active, as the daemon says now (completion after {@code -an}). */
    private static Predicate<String> activeLvs(LvmHome home) {
        DaemonPools daemon = new DaemonPools(home, line -> { });
        return path -> {
            int slash = path.indexOf('/');
            if (slash < 0) {
                return false;
            }
            try {
                return daemon.activity(path.substring(0, slash)).lvs().containsKey(path.substring(slash + 1));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        };
    }
}
