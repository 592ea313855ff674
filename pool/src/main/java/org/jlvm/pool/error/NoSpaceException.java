package org.jlvm.pool.error;

import java.io.IOException;

/** A device or space map has no free block left. */
public class NoSpaceException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoSpaceException(String message) {
        super(message);
    }
}
