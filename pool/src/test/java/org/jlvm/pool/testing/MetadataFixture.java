package org.jlvm.pool.testing;

import java.io.IOException;
import org.jlvm.pool.block.BlockManager;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.sm.disk.MetadataSpaceMap;
import org.jlvm.pool.tx.TransactionManager;

/** A formatted metadata space map and transaction manager over a device, for tests of the layers above. */
public final class MetadataFixture {
    public final BlockDevice device;
    public final BlockManager bm;
    public final TransactionManager tm;
    public final MetadataSpaceMap sm;

    public MetadataFixture(BlockDevice device, long cacheBytes) throws IOException {
        this.device = device;
        this.bm = new BlockManager(device, cacheBytes);
        this.tm = new TransactionManager(bm);
        this.sm = MetadataSpaceMap.format(tm, device.size() / BlockManager.BLOCK_SIZE);
    }

    /** In-memory metadata of {@code blocks} 4 KiB blocks. */
    public static MetadataFixture inMemory(long blocks) throws IOException {
        return new MetadataFixture(new MemoryBlockDevice(blocks * BlockManager.BLOCK_SIZE), 16L << 20);
    }

    /** Commits the metadata space map and flushes everything (no superblock). */
    public void commit() throws IOException {
        sm.commit();
        tm.flush();
        tm.endTransaction();
        sm.committed();
    }
}
