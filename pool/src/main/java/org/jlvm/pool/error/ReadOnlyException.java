package org.jlvm.pool.error;

import java.io.IOException;

/** A write was refused because the device or pool is read-only (by choice or after a failure). */
public class ReadOnlyException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String message) {
        super(message);
    }
}
