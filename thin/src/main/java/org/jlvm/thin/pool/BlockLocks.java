package org.jlvm.thin.pool;

import java.util.concurrent.locks.StampedLock;

/**
 * Striped read-write locks keyed by (device, virtual block), the pool's replacement for the kernel's bio
 * prison cells. Readers of a mapped block hold the read side while they look up and read, so the block cannot
 * be remapped or freed under them; writers hold the write side across lookup, provisioning or copy-on-write,
 * and remapping. A thread holds at most one stripe at a time, so stripes cannot deadlock, and never takes one
 * twice: {@link StampedLock}s, not reentrant, and without per-thread bookkeeping on the I/O path.
 */
final class BlockLocks {
    private final StampedLock[] stripes;
    private final int mask;

    BlockLocks(int stripesPowerOfTwo) {
        if (Integer.bitCount(stripesPowerOfTwo) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two, not " + stripesPowerOfTwo);
        }
        stripes = new StampedLock[stripesPowerOfTwo];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new StampedLock();
        }
        mask = stripesPowerOfTwo - 1;
    }

    StampedLock of(long dev, long vblock) {
        long h = (dev * 0x9E3779B97F4A7C15L) ^ (vblock * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        return stripes[(int) (h & mask)];
    }
}
