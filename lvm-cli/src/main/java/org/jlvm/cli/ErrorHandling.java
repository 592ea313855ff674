package org.jlvm.cli;

import java.io.PrintWriter;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.tools.ir.Cancellation;

/**
 * The one mapping from what an LVM verb threw to lvm's output and exit code: {@link LvmError} prints its lines
 * with lvm's two-space indent (plus the {@code Run `cmd --help'} hint on a bad command line) and exits with its
 * code (3 or 5); a run the shell's Ctrl-C cancelled is lvm2's {@code Interrupted...} and exit 5; anything else
 * is one indented line and exit 5.
 */
final class ErrorHandling {
    /** What lvm2 logs when it finds SIGINT was caught (lib/misc/lvm-signal.c, sigint_caught()). */
    static final String INTERRUPTED = "Interrupted...";

    private ErrorHandling() {
    }

    static int report(String command, Throwable t, PrintWriter err) {
        if (t instanceof Cancellation.Cancelled) {
            // the shell's Ctrl-C stopped a verb that only reads: lvm2's words when sigint_caught()
            err.println("  " + INTERRUPTED);
            err.flush();
            return ExitCodes.FAILED;
        }
        if (t instanceof LvmError e) {
            for (String line : e.lines()) {
                err.println("  " + line);
            }
            if (e.usageHint()) {
                err.println("  Run `" + command + " --help' for more information.");
            }
            err.flush();
            return e.exitCode();
        }
        err.println("  " + ErrorMessages.describe(t));
        err.flush();
        return ExitCodes.FAILED;
    }

    /** A command line picocli could not parse: lvm's wording, exit 3. */
    static int badCommandLine(String command, String message, PrintWriter err) {
        err.println(command + ": " + message);
        err.println("  Error during parsing of command line.");
        err.flush();
        return ExitCodes.INVALID_COMMAND_LINE;
    }
}
