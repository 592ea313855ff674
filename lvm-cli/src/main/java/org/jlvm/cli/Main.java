package org.jlvm.cli;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The one entry point. {@code jlvm <command> args...}, or a link named like the command (thin_check, ...),
 * which the launcher passes as the system property {@code jlvm.invoked}; {@code jlvm} alone is the shell,
 * {@code jlvm FILE} runs a {@code #!} script. The only place that calls
 * {@link System#exit}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String invoked = System.getProperty("jlvm.invoked", "jlvm");
        if (args.length == 1 && "jlvm".equals(invoked) && isVersion(args[0])) {
            // The cheapest start: scripts ask for the version often, and nothing else needs loading.
            System.out.println("jlvm " + Version.get());
            System.exit(ExitCodes.OK);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Integer quick = QuickStart.run(invoked, args, out, err, System.getenv());
        if (quick != null) {
            out.flush();
            err.flush();
            System.exit(quick);
        }
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        boolean terminal = System.console() != null;
        Dispatcher dispatcher = new Dispatcher(out, err, System.getenv(), in, terminal);
        int rc = ShellEntry.handles(dispatcher, invoked, args)
                ? ShellEntry.run(args, System.getenv(), out, err, in, terminal)
                : dispatcher.run(invoked, args);
        out.flush();
        err.flush();
        System.exit(rc);
    }

    static boolean isVersion(String arg) {
        return "--version".equals(arg) || "-V".equals(arg);
    }

    /** Exposed for tests: runs as if invoked under {@code name} with {@code args}. */
    static int run(String name, String[] args, PrintWriter out, PrintWriter err) {
        Integer quick = QuickStart.run(name, args, out, err, java.util.Map.of());
        return quick != null ? quick : new Dispatcher(out, err).run(name, Arrays.copyOf(args, args.length));
    }

    /** Exposed for tests: as {@link #run(String, String[], PrintWriter, PrintWriter)} with an environment and no input. */
    static int run(String name, String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        Integer quick = QuickStart.run(name, args, out, err, env);
        if (quick != null) {
            return quick;
        }
        return new Dispatcher(out, err, env, new java.io.BufferedReader(new java.io.StringReader("")), false)
                .run(name, Arrays.copyOf(args, args.length));
    }
}
