package org.jlvm.thin.pool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.meta.PoolMetadata;

/**
 * Discards of free data blocks on a pool's data device: the unused blocks of a new pool or a resize, and the
 * blocks a commit freed (discard passdown, outside the commit lock). Discards are hints: a failure is only logged.
 * When the device's discards zero, the discarded blocks are remembered as reading zeroes, so their first
 * provisioning need not zero them.
 */
final class FreeBlockDiscards {
    private static final System.Logger LOG = System.getLogger(ThinPool.class.getName());

    private final PoolMetadata md;
    private final BlockDevice data;
    private final long blockBytes;
    private final Passdown passdown;
    private final ZeroedBlocks zeroed;

    FreeBlockDiscards(PoolMetadata md, BlockDevice data, long blockBytes, Passdown passdown, ZeroedBlocks zeroed) {
        this.md = md;
        this.data = data;
        this.blockBytes = blockBytes;
        this.passdown = passdown;
        this.zeroed = zeroed;
    }

    /**
     * Discards data blocks no device maps and none can allocate yet (a new pool's, or those a resize is about to
     * add) when the data device's discards zero.
     */
    void discardUnused(long first, long count) {
        if (count > 0 && data.discardZeroes()) {
            discardFree(first, count);
        }
    }

    /**
     * Discards the blocks a commit freed that are still free, in runs; until this is done they are held back from
     * allocation ({@link Passdown}).
     */
    void passdownFreed(List<Long> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        try {
            List<Long> free = new ArrayList<>();
            for (long b : blocks) {
                try {
                    if (md.dataBlockCount(b) == 0) {
                        free.add(b);
                    }
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "discard passdown of block " + b + " failed: "
                            + e.getMessage());
                }
            }
            free.sort(null);
            int i = 0;
            while (i < free.size()) {
                int j = i + 1;
                while (j < free.size() && free.get(j) <= free.get(j - 1) + 1) {
                    j++;
                }
                long first = free.get(i);
                discardFree(first, free.get(j - 1) - first + 1);
                i = j;
            }
        } finally {
            passdown.done(blocks);
        }
    }

    private void discardFree(long first, long count) {
        try {
            data.discard(first * blockBytes, count * blockBytes);
            if (data.discardZeroes()) {
                zeroed.add(first, count);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "discard of free data blocks " + first + "+" + count + " failed: "
                    + e.getMessage());
        }
    }
}
