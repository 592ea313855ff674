package org.jlvm.cli;

import java.io.PrintWriter;
import org.jlvm.cli.lvm.vg.LvmError;

/**
 * The one mapping from what an LVM verb threw to lvm's output and exit code: {@link LvmError} prints its lines
 * with lvm's two-space indent (plus the {@code Run `cmd --help'} hint on a bad command line) and exits with its
 * code (3 or 5); anything else is one indented line and exit 5.
 */
final class ErrorHandling {
    private ErrorHandling() {
    }

    static int report(String command, Throwable t, PrintWriter err) {
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
