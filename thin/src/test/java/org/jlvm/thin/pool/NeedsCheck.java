package org.jlvm.thin.pool;

import java.io.IOException;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.block.BlockManager;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.format.SuperblockValidator;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.thin.meta.PoolMetadata;

/** Clears NEEDS_CHECK in a superblock, as an administrator does after thin_check passed (thin_check --clear-needs-check). */
final class NeedsCheck {
    private NeedsCheck() {
    }

    static void clear(BlockDevice metadata) throws IOException {
        BlockManager bm = new BlockManager(metadata, 1 << 20);
        ThinSuperblock sb = PoolMetadata.readSuperblock(bm);
        try (Block b = bm.writeZeroed(0, SuperblockValidator.INSTANCE)) {
            sb.withFlags(sb.flags() & ~ThinSuperblock.NEEDS_CHECK).encode(b.data());
        }
        bm.flush();
        bm.close();
    }
}
