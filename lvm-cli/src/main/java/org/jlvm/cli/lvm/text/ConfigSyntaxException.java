package org.jlvm.cli.lvm.text;

import java.io.IOException;

/** Text that is not valid lvm config syntax, with the line and column where it went wrong. */
public final class ConfigSyntaxException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    ConfigSyntaxException(int line, int column, String problem) {
        super("metadata text line " + line + " column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
