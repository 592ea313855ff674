package org.jlvm.thin.meta;

import java.io.IOException;

/** A thin device id that is already in use. */
public class DeviceExistsException extends IOException {
    private static final long serialVersionUID = 1L;

    public DeviceExistsException(long dev) {
        super("thin device " + dev + " already exists");
    }
}
