package org.jlvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.jlvm.pool.block.BlockManager;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.format.BlockTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata much larger than the block cache: dirty blocks are evicted and read back, results stay right,
 * the real thin_check accepts the image, and a cold lookup reads one block per tree level.
 */
class BoundedCacheTest {
    @TempDir
    Path tmp;

    @Test
    void manyMappingsThroughATinyCache() throws Exception {
        long seed = System.nanoTime();
        System.out.println("BoundedCacheTest seed=" + seed);
        Random r = new Random(seed);
        Path file = tmp.resolve("meta");
        long cache = 64 * BlockManager.BLOCK_SIZE;
        int perDevice = 40_000;
        try (FileBlockDevice dev = FileBlockDevice.create(file, 64L << 20);
             PoolMetadata pm = PoolMetadata.format(dev, 128, 1_000_000, cache)) {
            for (long d = 0; d < 4; d++) {
                pm.createThin(d);
                for (long vb = 0; vb < perDevice; vb++) {
                    pm.insert(d, vb * 3, pm.allocateDataBlock());
                }
                pm.createSnapshot(d + 100, d);
                for (int i = 0; i < 2000; i++) {
                    pm.insert(d, r.nextInt(perDevice) * 3L, pm.allocateDataBlock());
                }
            }
            pm.commit();
            assertEquals(8, pm.devices().size());
            for (long d = 0; d < 4; d++) {
                assertEquals(perDevice, pm.details(d).mappedBlocks());
                assertEquals(perDevice, pm.details(d + 100).mappedBlocks());
            }
        }
        RealTools.assertThinCheckAccepts(file);
        try (FileBlockDevice dev = FileBlockDevice.open(file, true);
             PoolMetadata pm = PoolMetadata.open(dev, cache, true)) {
            for (int i = 0; i < 1000; i++) {
                long d = r.nextInt(4);
                long vb = r.nextInt(perDevice) * 3L;
                BlockTime bt = pm.lookup(d, vb);
                assertTrue(bt != null && pm.lookup(d, vb + 1) == null, "device " + d + " block " + vb);
            }
        }
        // A cold lookup: top-level tree (1 leaf) + device tree (internal + leaf) = 3 blocks.
        try (FileBlockDevice dev = FileBlockDevice.open(file, true);
             PoolMetadata pm = PoolMetadata.open(dev, cache, true)) {
            long before = pm.blockReads();
            pm.lookup(2, 30_000);
            long reads = pm.blockReads() - before;
            assertTrue(reads <= 4, "cold lookup read " + reads + " blocks");
        }
    }

    /** The real thin_check, in one place. */
    static final class RealTools {
        static void assertThinCheckAccepts(Path file) throws Exception {
            Vectors.ToolRun run = Vectors.thinCheck(file);
            assertEquals(0, run.rc(), run.output());
        }
    }
}
