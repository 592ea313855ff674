package org.jlvm.thin.meta;

import java.io.IOException;

/** A thin device id that is not in the pool. */
public class NoSuchDeviceException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoSuchDeviceException(long dev) {
        super("thin device " + dev + " does not exist");
    }
}
