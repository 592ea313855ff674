package org.jlvm.dedup;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.jlvm.dedup.compress.Packer;
import org.jlvm.pool.io.BlockDevice;

/**
 * The two halves of a {@link DedupDevice} commit: {@link #prepare()} in memory (the caller holds the commit mutex
 * and the commit lock exclusively) and {@link #run} for the I/O (the caller holds only the commit mutex). A failed
 * commit puts the device in fail mode: nothing committed after it, every later flush fails until reopen.
 */
final class CommitSteps {
    private final BlockDevice backing;
    private final MetadataStore store;
    private final Packer packer;
    private final ReentrantLock metaLock;
    private final DeviceMode mode;
    private final VerifyCache verifyCache;

    CommitSteps(BlockDevice backing, MetadataStore store, Packer packer, ReentrantLock metaLock, DeviceMode mode,
            VerifyCache verifyCache) {
        this.backing = backing;
        this.store = store;
        this.packer = packer;
        this.metaLock = metaLock;
        this.mode = mode;
        this.verifyCache = verifyCache;
    }

    /**
     * The in-memory part of a commit. Null when nothing changed. Fails when changes were made that read-only mode
     * will never commit.
     */
    MetadataStore.CommitPlan prepare() throws IOException {
        if (mode.degraded()) {
            metaLock.lock();
            try {
                if (mode.lost() || store.dirty()) {
                    throw mode.lostToReadOnly();
                }
            } finally {
                metaLock.unlock();
            }
            return null;
        }
        packer.close(); // fragments added since the unlocked close, if any
        metaLock.lock();
        try {
            return store.dirty() ? store.prepareCommit() : null;
        } finally {
            metaLock.unlock();
        }
    }

    /** The commit's I/O (a flush of the backing device when {@code plan} is null), then its in-memory completion. */
    void run(MetadataStore.CommitPlan plan) throws IOException {
        try {
            if (plan == null) {
                backing.flush();
                return;
            }
            store.writeCommit(plan);
        } catch (IOException | RuntimeException e) {
            if (plan != null) {
                metaLock.lock();
                try {
                    store.failCommit(plan);
                } finally {
                    metaLock.unlock();
                }
                mode.markLost("a commit failed: " + e.getMessage());
            }
            mode.enterFailMode("flush of the backing device failed: " + e.getMessage());
            if (plan != null) {
                throw new IOException(mode.lostMessage(), e);
            }
            throw e;
        }
        metaLock.lock();
        try {
            store.completeCommit(plan);
            verifyCache.clear(); // blocks freed by this commit may be reused from now on
        } finally {
            metaLock.unlock();
        }
    }
}
