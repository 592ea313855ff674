package org.jlvm.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jlvm.cli.command.QuickReports;
import org.jlvm.tools.command.ToolCommands;

/**
 * The start of the commands users run in loops without the dispatcher and picocli: a thin tool on a command line
 * simple enough to need no picocli model ({@link ToolCommands#quick}), and {@code lvs}, {@code vgs} and
 * {@code pvs} on a plain command line ({@link QuickReports}). Failures end as the dispatcher ends them.
 */
final class QuickStart {
    private QuickStart() {
    }

    /** The exit code of the command run here, or null when the dispatcher must run it. */
    static Integer run(String invoked, String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        String name = invoked;
        String[] rest = args;
        if ("jlvm".equals(invoked)) {
            if (args.length == 0) {
                return null;
            }
            name = args[0];
            rest = Arrays.copyOfRange(args, 1, args.length);
        }
        Callable<Integer> report = report(name, rest, out, err, env);
        if (report != null) {
            try {
                return report.call();
            } catch (Exception e) {
                return ErrorHandling.report(name, e, err);
            }
        }
        Callable<Integer> command = ToolCommands.quick(name, rest, out, err);
        if (command == null) {
            return null;
        }
        try {
            return command.call();
        } catch (Exception e) {
            err.println(name + ": " + ErrorMessages.describe(e));
            return ExitCodes.TOOL_FAILED;
        }
    }

    private static Callable<Integer> report(String name, String[] args, PrintWriter out, PrintWriter err,
            Map<String, String> env) {
        if (!name.equals("lvs") && !name.equals("vgs") && !name.equals("pvs")) {
            return null;
        }
        CliContext context = Dispatcher.context(name, args, out, err, env, null, false);
        return QuickReports.parse(name, args, context);
    }
}
