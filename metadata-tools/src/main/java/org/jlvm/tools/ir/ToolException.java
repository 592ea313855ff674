package org.jlvm.tools.ir;

/** A failure a tool reports as its message (one or more lines) and exit code 1; never a stack trace. */
public class ToolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
