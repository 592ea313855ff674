package org.jlvm.cli.lvm.ondisk;

import java.io.IOException;

/** New metadata text does not fit in a metadata area beside the committed copy. */
public final class MetadataAreaFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public MetadataAreaFullException(String message) {
        super(message);
    }
}
