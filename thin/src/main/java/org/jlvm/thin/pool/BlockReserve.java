package org.jlvm.thin.pool;

import java.io.IOException;
import org.jlvm.thin.meta.PoolMetadata;

/**
 * Data blocks allocated in the metadata ahead of need, handed out one per remap, so provisioning takes the
 * metadata's exclusive lock once a batch instead of once a block. The blocks are allocated (count 1) but not
 * mapped, so they must not be committed: the pool gives them back before every commit ({@link #giveBack}, under
 * its exclusive commit lock) and forgets them when the transaction is aborted ({@link #forget}), which frees
 * them anyway.
 *
 * <p>Thread-safe. Callers of {@link #take} hold the pool's commit lock shared, so a give-back never runs
 * concurrently with a take.
 */
final class BlockReserve {
    private final long[] blocks;
    private int count;

    BlockReserve(int batch) {
        blocks = new long[batch];
    }

    /**
     * A block for the caller to fill and map (or release), refilling the reserve when empty.
     *
     * @throws org.jlvm.pool.error.NoSpaceException when the data space is exhausted
     */
    synchronized long take(PoolMetadata md) throws IOException {
        if (count == 0) {
            long[] got = md.allocateDataBlocks(blocks.length);
            // Hand them out lowest first: keep them in descending order, take from the end.
            for (int i = 0; i < got.length; i++) {
                blocks[i] = got[got.length - 1 - i];
            }
            count = got.length;
        }
        return blocks[--count];
    }

    /** Releases the unused blocks in the metadata (before a commit). */
    synchronized void giveBack(PoolMetadata md) throws IOException {
        while (count > 0) {
            md.releaseDataBlock(blocks[count - 1]);
            count--;
        }
    }

    /** Drops the unused blocks without releasing them (the metadata went back to its last commit). */
    synchronized void forget() {
        count = 0;
    }

    /** Blocks held now. */
    synchronized int size() {
        return count;
    }
}
