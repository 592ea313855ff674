package org.jlvm.thin.pool;

import java.util.concurrent.locks.StampedLock;

/**
 * Per-device quiesce lock. Every I/O of a {@link ThinVolume} holds the read side for the whole request;
 * taking a snapshot of the device and deleting it take the write side, so a snapshot sees each write wholly
 * or not at all, and no I/O runs on a deleted device.
 */
final class DeviceGate {
    /** Unique per gate within its pool (so per device incarnation): the key of the device's cached mappings. */
    final long id;
    /** Not reentrant (no thread takes it twice); no per-thread bookkeeping on the I/O path. */
    final StampedLock lock = new StampedLock();
    /** Cleared (under the write side) when the device is deleted. */
    volatile boolean alive = true;
    /**
     * The device's snapshotted time, or -1 when not loaded yet. It changes only when the device is the origin of
     * a new snapshot, which happens under the write side and resets it. (An abort can only make the on-disk value
     * older, so a cached newer value errs towards copy-on-write.)
     */
    volatile long snapshottedTime = -1;

    DeviceGate(long id) {
        this.id = id;
    }
}
