package org.jlvm.dedup;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The health of an open dedup device: whether it is read-only (and why), whether that mode still has to be
 * recorded on disk, and whether changes that were never flushed have been lost (after which every flush,
 * FUA write and close fails until reopen).
 */
final class DeviceMode {
    private static final System.Logger LOG = System.getLogger(DedupDevice.class.getName());

    /** Writes the read-only record to the device's superblock. */
    interface Recorder {
        void persistReadOnly(String reason) throws IOException;
    }

    private volatile String readOnlyReason;
    private volatile boolean persisted;
    private volatile String lostReason;

    /** Starts in read-only mode already recorded on disk (the superblock says so). */
    void recordedReadOnly(String reason) {
        readOnlyReason = reason;
        persisted = true;
    }

    /** The reason for read-only mode, or null when writable. */
    String readOnlyReason() {
        return readOnlyReason;
    }

    boolean writable() {
        return readOnlyReason == null;
    }

    /** True once changes were lost or read-only mode began (a commit must check for unflushed changes). */
    boolean degraded() {
        return readOnlyReason != null || lostReason != null;
    }

    boolean lost() {
        return lostReason != null;
    }

    /** Records that unflushed changes can no longer be committed; the first reason stays. */
    void markLost(String reason) {
        if (lostReason == null) {
            lostReason = reason;
        }
    }

    /** Marks the changes lost because of read-only mode and returns the error to throw. */
    IOException lostToReadOnly() {
        markLost(readOnlyReason);
        return new IOException(lostMessage());
    }

    String lostMessage() {
        return "dedup device lost changes that were not flushed (" + lostReason
                + "); it is read-only, reopen it to see what is durable";
    }

    /**
     * Read-only until reopen, not recorded on disk: for I/O failures, after which the metadata on disk is
     * consistent (generation g-1 or g) and the next open may go on writing.
     */
    void enterFailMode(String reason) {
        synchronized (this) {
            if (readOnlyReason != null) {
                return;
            }
            persisted = true; // nothing to record
            readOnlyReason = reason;
        }
        LOG.log(System.Logger.Level.ERROR, "dedup device failing until reopened: " + reason);
    }

    /**
     * Read-only for an inconsistency, to be recorded on disk so that it survives reopen until a rebuild.
     * Returns false when the device was read-only already.
     */
    boolean enterReadOnly(String reason) {
        synchronized (this) {
            if (readOnlyReason != null) {
                return false;
            }
            readOnlyReason = reason;
        }
        LOG.log(System.Logger.Level.ERROR, "dedup device entering read-only mode: " + reason);
        return true;
    }

    /**
     * Writes the read-only record if it is due and {@code commitMutex} is free; otherwise its holder does it
     * when it lets go of the mutex (so that it never races a commit's superblock write). {@code closed} is read
     * under the mutex: nothing is written to a closed device.
     */
    void persistIfNeeded(ReentrantLock commitMutex, java.util.function.BooleanSupplier closed, Recorder recorder) {
        while (readOnlyReason != null && !persisted) {
            if (!commitMutex.tryLock()) {
                return;
            }
            try {
                if (!persisted) {
                    persisted = true; // once: a failure is logged, not retried
                    if (!closed.getAsBoolean()) {
                        recorder.persistReadOnly(readOnlyReason);
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "could not record read-only mode on disk: " + e.getMessage());
            } finally {
                commitMutex.unlock();
            }
        }
    }
}
