package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.ForwardingBlockDevice;
import org.jlvm.pool.testing.FaultyBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/**
 * Regressions of the commit path: every commit flushes the data device first and gives the allocation reserve
 * back (1); a flush after the pool dropped changes fails until reopen (2); a failed data flush aborts to
 * read-only (4).
 */
class ThinPoolDurabilityTest {
    static final int SECTORS = 8;
    static final int B = 4096;
    static final long BLOCKS = 256;
    static final ThinPoolConfig CFG = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO)
            .withMetadataCacheBytes(1 << 20);

    /** A device operation that commits; run on a pool whose device 0 has one provisioned, unflushed block. */
    @FunctionalInterface
    interface Op {
        void run(Rig rig) throws IOException;
    }

    static final class Rig {
        final MemoryBlockDevice metaMem = new MemoryBlockDevice(1L << 20);
        final MemoryBlockDevice dataMem = new MemoryBlockDevice(BLOCKS * B);
        final FaultyBlockDevice meta = new FaultyBlockDevice(metaMem);
        final FaultyBlockDevice data = new FaultyBlockDevice(dataMem);
        ThinPool pool;

        Rig(boolean snapHeld) throws IOException {
            pool = ThinPool.format(meta, data, SECTORS, CFG);
            pool.createThin(0);
            if (snapHeld) {
                pool.reserveMetadataSnap();
            }
            pool.commit();
            byte[] ab = new byte[B];
            Arrays.fill(ab, (byte) 0xAB);
            pool.volume(0, 64L * B).write(0, ab);
        }

        void crashAndReopen() throws IOException {
            pool.closeAbruptly();
            meta.crash();
            data.crash();
            pool = ThinPool.open(meta, data, SECTORS, CFG);
        }
    }

    @Test
    void everyCrashPointInsideADeviceOperationKeepsMappedBlocksReadableAndCountsExact() throws Exception {
        List<String> problems = new ArrayList<>();
        String[] names = {"reserveMetadataSnap", "releaseMetadataSnap", "setTransactionId", "createSnapshot",
                "createThin", "resizeData"};
        Op[] ops = {r -> r.pool.reserveMetadataSnap(), r -> r.pool.releaseMetadataSnap(),
                r -> r.pool.setTransactionId(0, 1), r -> r.pool.createSnapshot(1, 0), r -> r.pool.createThin(2),
                r -> {
                    r.dataMem.grow(2 * BLOCKS * B);
                    r.pool.resizeData(2 * BLOCKS);
                }};
        int points = 0;
        for (int i = 0; i < ops.length; i++) {
            boolean held = names[i].equals("releaseMetadataSnap");
            Rig dry = new Rig(held);
            long before = dry.meta.ioCount();
            ops[i].run(dry);
            long ios = dry.meta.ioCount() - before;
            for (long k = 1; k <= ios + 1; k++) {
                points++;
                Rig rig = new Rig(held);
                rig.meta.failAfter(k);
                try {
                    ops[i].run(rig);
                } catch (IOException e) {
                    // the crash point fell inside the operation
                }
                rig.crashAndReopen();
                String where = names[i] + " crash at metadata I/O " + k + " of " + ios;
                ThinVolume v = rig.pool.volume(0, 64L * B);
                byte[] got = v.read(0, B);
                long mapped = rig.pool.volumeStatus(0).mappedBlocks();
                if (mapped == 1 && got[0] != (byte) 0xAB) {
                    problems.add(where + ": block mapped but reads stale bytes " + got[0]);
                }
                if (mapped == 0 && got[0] != 0) {
                    problems.add(where + ": unmapped block reads " + got[0]);
                }
                long used = rig.pool.status().usedDataBlocks();
                if (used != mapped) {
                    problems.add(where + ": " + used + " data blocks counted used, " + mapped + " mapped");
                }
                rig.pool.close();
            }
        }
        assertTrue(points > 30, "crash points " + points);
        assertEquals(List.of(), problems);
    }

    @Test
    void flushAfterMetadataSpaceRanOutFailsUntilReopen() throws Exception {
        MemoryBlockDevice smallMeta = new MemoryBlockDevice(64L * 4096);
        MemoryBlockDevice bigData = new MemoryBlockDevice(200_000L * B);
        ThinPool pool = ThinPool.format(smallMeta, bigData, SECTORS, CFG);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 200_000L * B);
        v.write(0, new byte[] {1});
        v.flush();
        IOException failure = null;
        for (long vb = 3; failure == null; vb += 3) {
            try {
                v.write(vb * B, new byte[] {1});
            } catch (IOException e) {
                failure = e;
            }
        }
        assertInstanceOf(NoSpaceException.class, failure);
        assertEquals(PoolMode.READ_ONLY, pool.mode());
        IOException f1 = assertThrows(IOException.class, v::flush, "changes were dropped: flush must fail");
        assertTrue(f1.getMessage().contains("lost") || f1.getMessage().contains("dropped"), f1.getMessage());
        assertThrows(IOException.class, v::flush, "and keeps failing");
        assertThrows(IOException.class, () -> v.writeFua(0, ByteBuffer.wrap(new byte[] {1})));
        assertThrows(IOException.class, pool::close);
        try (ThinPool again = ThinPool.open(smallMeta, bigData, SECTORS, CFG)) {
            assertEquals(1, again.volume(1, 200_000L * B).read(0, 1)[0], "the flushed block survives");
            assertEquals(0, again.volume(1, 200_000L * B).read(3L * B, 1)[0], "the dropped one is gone");
        }
    }

    /** A data device whose flush fails exactly once (the next attempt succeeds, as on Linux). */
    static final class FlushFailsOnce extends ForwardingBlockDevice {
        boolean armed;

        FlushFailsOnce(BlockDevice base) {
            super(base);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (armed) {
                armed = false;
                throw new IOException("injected data flush failure");
            }
            inner.flush();
        }
    }

    @Test
    void failedDataFlushAbortsToReadOnlyAndTheRetryDoesNotCommit() throws Exception {
        MemoryBlockDevice metaMem = new MemoryBlockDevice(1L << 20);
        FaultyBlockDevice dataCache = new FaultyBlockDevice(new MemoryBlockDevice(BLOCKS * B));
        FlushFailsOnce data = new FlushFailsOnce(dataCache);
        ThinPool pool = ThinPool.format(metaMem, data, SECTORS, CFG);
        pool.createThin(0);
        ThinVolume v = pool.volume(0, 64L * B);
        v.write(0, new byte[] {1});
        v.flush();
        v.write(B, new byte[] {2});
        data.armed = true;
        assertThrows(IOException.class, v::flush);
        assertNotEquals(PoolMode.READ_WRITE, pool.mode(), "a failed data flush must abort to read-only");
        assertThrows(IOException.class, v::flush, "the retry must not report success");
        assertThrows(IOException.class, () -> v.write(2L * B, new byte[] {3}));
        pool.closeAbruptly();
        dataCache.crash();
        try (ThinPool again = ThinPool.open(metaMem, dataCache, SECTORS, CFG)) {
            assertEquals(1, again.volume(0, 64L * B).read(0, 1)[0]);
            long mapped = again.volumeStatus(0).mappedBlocks();
            byte second = again.volume(0, 64L * B).read(B, 1)[0];
            assertTrue(mapped == 1 && second == 0, "no mapping to data that never reached the disk: mapped "
                    + mapped + ", reads " + second);
            assertTrue(again.status().needsCheck(), "needs_check set as the kernel does");
        }
    }
}
