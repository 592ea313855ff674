package org.jlvm.cli.lvm.text;

import java.io.IOException;

/** Metadata text that parses but does not describe a valid VG (missing or wrong-typed key, bad reference). */
public final class MetadataException extends IOException {
    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
