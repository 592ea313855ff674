package org.jlvm.thin.pool;

import org.jlvm.pool.util.RangeSet;

/**
 * The free data blocks known to read as zeroes (discarded on a device whose discards zero, see
 * {@link org.jlvm.pool.io.BlockDevice#discardZeroes()}), so provisioning may skip zeroing them. Knowledge only:
 * forgetting a block is always safe (it gets zeroed, or checked), so this lives in memory, starts empty when a
 * pool is opened, and is bounded: should it ever hold {@value #MAX_RUNS} runs, it forgets everything.
 *
 * <p>A block leaves the set when it is allocated ({@link #claim}); it returns only through a discard of the
 * pool's (of blocks a commit freed, or of blocks not yet in the pool). Thread-safe.
 */
final class ZeroedBlocks {
    static final int MAX_RUNS = 1 << 16;

    private final RangeSet runs = new RangeSet();

    /** Records that {@code [first, first + count)} reads as zeroes. */
    synchronized void add(long first, long count) {
        runs.add(first, first + count);
        bound();
    }

    /** Removes {@code block} from the set; returns whether it was in it (so still reads as zeroes). */
    synchronized boolean claim(long block) {
        if (!runs.contains(block)) {
            return false;
        }
        runs.remove(block, block + 1);
        bound();
        return true;
    }

    private void bound() {
        if (runs.runs() >= MAX_RUNS) {
            runs.clear();
        }
    }
}
