package org.jlvm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import org.jlvm.cli.daemon.DaemonPools;
import org.jlvm.cli.config.Config;
import org.jlvm.cli.config.ConfigSource;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;

/**
 * What one command run gets from the process: its streams, standard input for prompts (and whether that is
 * a terminal), {@code JLVM_HOME}, and its own command line. Made by the {@link Dispatcher} for each run and
 * handed to the LVM verbs' constructors; never static.
 */
public final class CliContext {
    /** How long a verb waits for a VG lock before it gives up with lvm's message, unless JLVM_LOCK_WAIT_MS says. */
    static final long LOCK_WAIT_MILLIS = 30_000;

    private final LvmHome home;
    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final boolean interactive;
    private final String commandLine;
    private final long lockWaitMillis;
    private DaemonPools daemon;
    private Config config;

    public CliContext(LvmHome home, PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive,
            String commandLine, long lockWaitMillis) {
        this.lockWaitMillis = lockWaitMillis;
        this.home = home;
        this.out = out;
        this.err = err;
        this.in = in;
        this.interactive = interactive;
        this.commandLine = commandLine;
    }

    public LvmHome home() {
        return home;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** The lock wait from {@code JLVM_LOCK_WAIT_MS}, default {@link #LOCK_WAIT_MILLIS}. */
    static long lockWait(java.util.Map<String, String> env) {
        try {
            return Long.parseLong(env.getOrDefault("JLVM_LOCK_WAIT_MS", Long.toString(LOCK_WAIT_MILLIS)));
        } catch (NumberFormatException e) {
            return LOCK_WAIT_MILLIS;
        }
    }

    /** The settings of {@code JLVM_HOME/jlvm.yaml} over lvm's defaults (read once per run; no file: defaults). */
    public Config config() throws IOException {
        if (config == null) {
            config = Config.defaults().with(ConfigSource.readYaml(home.root().resolve(ConfigSource.FILE_NAME)));
        }
        return config;
    }

    public String commandLine() {
        return commandLine;
    }

    public LvmSettings settings(boolean testMode) {
        return new LvmSettings(home, commandLine, testMode, lockWaitMillis, daemon());
    }

    /** The jlvm daemon of {@code JLVM_HOME}, as this run sees it (made on first use). */
    public DaemonPools daemon() {
        if (daemon == null) {
            daemon = new DaemonPools(home, line -> {
                err.println("  " + line);
                err.flush();
            });
        }
        return daemon;
    }

    /**
     * Asks a yes/no question as lvm does (prompt on stderr, not indented); without an answer (end of input, no
     * terminal) the answer is {@code n}, shown as {@code [n]}. Ctrl-C at the question in the shell (its input
     * then throws {@link java.io.InterruptedIOException}) is {@code n} too, as in lvm2's yes_no_prompt.
     */
    public boolean confirm(String question) {
        err.print(question + " [y/n]: ");
        err.flush();
        String answer = null;
        try {
            answer = in == null ? null : in.readLine();
        } catch (java.io.InterruptedIOException e) {
            // Ctrl-C at the question (the shell's input says so): "no", with lvm2's words for a caught SIGINT
            err.println();
            err.println("  " + ErrorHandling.INTERRUPTED);
            err.flush();
            return false;
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            err.println("[n]");
            err.flush();
            return false;
        }
        if (!interactive) {
            err.println();
        }
        String a = answer.trim().toLowerCase(java.util.Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
