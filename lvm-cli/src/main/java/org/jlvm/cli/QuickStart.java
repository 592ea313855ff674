package org.jlvm.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jlvm.tools.command.ToolCommands;

/**
 * The start of the commands users run in loops without the dispatcher and picocli: a thin tool on a command line
 * simple enough to need no picocli model ({@link ToolCommands#quick}). Failures end as the dispatcher ends them.
 */
final class QuickStart {
    private QuickStart() {
    }

    /** The exit code of the command run here, or null when the dispatcher must run it. */
    static Integer run(String invoked, String[] args, PrintWriter out, PrintWriter err) {
        String name = invoked;
        String[] rest = args;
        if ("jlvm".equals(invoked)) {
            if (args.length == 0) {
                return null;
            }
            name = args[0];
            rest = Arrays.copyOfRange(args, 1, args.length);
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
}
