package org.jlvm.thin.pool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jlvm.thin.meta.PoolMetadata;

/**
 * Discard passdown bookkeeping (dm-thin's passdown): data blocks unmapped in this transaction that may become free
 * ({@link #add}); at a commit they become "being discarded" ({@link #takeCommitted}), the pool discards them outside
 * its commit lock, and until that is {@link #done} they are held back from allocation: an allocation that gets one
 * parks it ({@link #park}) and takes another, so no new data is written to a block while its discard runs. Parked
 * blocks are allocated but unmapped, so they are given back before every commit ({@link #releaseParked}), like the
 * {@link BlockReserve}.
 *
 * <p>Thread-safe.
 */
final class Passdown {
    private final List<Long> pending = new ArrayList<>();
    private final Set<Long> discarding = new HashSet<>();
    private final List<Long> parked = new ArrayList<>();

    /** Block {@code b} lost its last mapping in this transaction. */
    synchronized void add(long b) {
        pending.add(b);
    }

    /** At a commit (exclusive lock): the blocks to discard now; held back until {@link #done}. */
    synchronized List<Long> takeCommitted() {
        List<Long> out = new ArrayList<>(pending);
        pending.clear();
        discarding.addAll(out);
        return out;
    }

    /** Their discard finished: the blocks may be allocated again. */
    synchronized void done(List<Long> blocks) {
        discarding.removeAll(blocks);
    }

    /** Whether {@code b} is being discarded; if so it is parked (kept allocated until the next give-back). */
    synchronized boolean parkIfHeld(long b) {
        if (!discarding.contains(b)) {
            return false;
        }
        parked.add(b);
        return true;
    }

    /** Releases the parked blocks in the metadata (before a commit, under the exclusive commit lock). */
    synchronized void releaseParked(PoolMetadata md) throws IOException {
        while (!parked.isEmpty()) {
            md.releaseDataBlock(parked.get(parked.size() - 1));
            parked.remove(parked.size() - 1);
        }
    }

    /** The transaction was aborted: parked and pending blocks are free (or mapped) again as of the last commit. */
    synchronized void forgetTransaction() {
        parked.clear();
        pending.clear();
    }

    synchronized int parkedCount() {
        return parked.size();
    }
}
