package org.jlvm.cli.report;

/**
 * A report that cannot be made as asked: an unknown field, a bad sort key or selection. Carries what lvm2
 * prints on standard output first (a field list or selection help, possibly empty), the message lines for
 * standard error, and the exit code.
 */
public final class ReportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String outText;
    private final int exitCode;

    ReportException(String outText, String message, int exitCode) {
        super(message);
        this.outText = outText;
        this.exitCode = exitCode;
    }

    /** Text for standard output before the message: full lines, each ending in a newline; may be empty. */
    public String outText() {
        return outText;
    }

    /** The message lines for standard error, without lvm's two-space indent or the final newline. */
    @Override
    public String getMessage() {
        return super.getMessage();
    }

    /** 5 for a failed command, 3 for an invalid command line, as lvm2. */
    public int exitCode() {
        return exitCode;
    }
}
