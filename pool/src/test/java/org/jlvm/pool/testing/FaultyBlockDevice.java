package org.jlvm.pool.testing;

import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.FaultInjectingBlockDevice;

/** The tests' name for {@link FaultInjectingBlockDevice}: the same device, with its own volatile cache. */
public final class FaultyBlockDevice extends FaultInjectingBlockDevice {
    public FaultyBlockDevice(BlockDevice backing) {
        super(backing);
    }

    /** A device counting its I/Os in {@code sharedIos} (shared with other devices of one simulated machine). */
    public FaultyBlockDevice(BlockDevice backing, AtomicLong sharedIos) {
        super(backing, sharedIos);
    }
}
