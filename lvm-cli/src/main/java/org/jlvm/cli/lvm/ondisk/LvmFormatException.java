package org.jlvm.cli.lvm.ondisk;

import java.io.IOException;

/** An LVM2 on-disk structure that is missing or damaged; the message says which, where, expected and found. */
public final class LvmFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public LvmFormatException(String message) {
        super(message);
    }

    public LvmFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
