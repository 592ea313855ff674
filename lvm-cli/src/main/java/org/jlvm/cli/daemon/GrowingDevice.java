package org.jlvm.cli.daemon;

import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.DelegatingBlockDevice;

/**
 * The data or metadata device of an active pool, which an lvextend makes longer while the pool runs: the new
 * device (the LV's extents, the old ones first) replaces the old one for the next I/O, as a device-mapper table
 * reload does. Never shorter; closing is the owner's ({@link PvFiles}).
 */
final class GrowingDevice extends DelegatingBlockDevice {
    private volatile BlockDevice current;

    GrowingDevice(BlockDevice initial) {
        this.current = initial;
    }

    /** Uses {@code longer} from now on; it must begin with the same bytes and not be shorter. */
    void grow(BlockDevice longer) {
        if (longer.size() < current.size()) {
            throw new IllegalArgumentException("a device of " + current.size() + " bytes cannot shrink to "
                    + longer.size());
        }
        current = longer;
    }

    @Override
    protected BlockDevice target() {
        return current;
    }

    @Override
    public void close() {
        // the PV files belong to the held VG
    }
}
