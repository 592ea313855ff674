package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.jlvm.thin.format.BlockTime;
import org.jlvm.thin.meta.PoolMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThinVolumeTest {
    static final int SECTORS = 128;
    static final int B = SECTORS * 512;
    static final ThinPoolConfig CFG = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO);

    final MemoryBlockDevice metaDev = new MemoryBlockDevice(4L << 20);
    final MemoryBlockDevice dataMem = new MemoryBlockDevice(64L * B);
    final CountingDevice data = new CountingDevice(dataMem);
    ThinPool pool;

    ThinPool open(ThinPoolConfig cfg) throws IOException {
        pool = ThinPool.format(metaDev, data, SECTORS, cfg);
        return pool;
    }

    @AfterEach
    void close() throws IOException {
        if (pool != null) {
            pool.close();
        }
    }

    static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void unmappedReadsAreZeroAndDoNotTouchTheDataDevice() throws IOException {
        open(CFG).createThin(1);
        ThinVolume v = pool.volume(1, 16L * B);
        long before = data.reads.get();
        assertArrayEquals(new byte[3 * B + 17], v.read(5, 3 * B + 17));
        assertEquals(before, data.reads.get());
    }

    @Test
    void unalignedWritesReadBackAndProvisionZeroedBlocks() throws IOException {
        open(CFG).createThin(1);
        ThinVolume v = pool.volume(1, 16L * B);
        Random r = new Random(1);
        byte[] d = random(r, 2 * B + 1000);
        v.write(B - 300, d);
        assertArrayEquals(d, v.read(B - 300, d.length));
        byte[] head = v.read(0, B - 300);
        assertArrayEquals(new byte[B - 300], head, "the rest of a new block is zeroed");
        assertEquals(4, pool.volumeStatus(1).mappedBlocks());
        assertEquals(3, pool.volumeStatus(1).highestMappedBlock());
        assertEquals(4, pool.status().usedDataBlocks());
    }

    @Test
    void wholeBlockFirstWriteWritesOnlyOnce() throws IOException {
        open(CFG).createThin(1);
        ThinVolume v = pool.volume(1, 16L * B);
        long before = data.writes.get();
        v.write(2L * B, new byte[B]);
        assertEquals(before + 1, data.writes.get());
    }

    @Test
    void snapshotsKeepTheirContentAndTheOriginToo() throws IOException {
        open(CFG).createThin(1);
        ThinVolume origin = pool.volume(1, 8L * B);
        Random r = new Random(2);
        byte[] a = random(r, 8 * B);
        origin.write(0, a);
        pool.createSnapshot(2, 1);
        ThinVolume snap = pool.volume(2, 8L * B);
        byte[] b = random(r, 3000);
        origin.write(B + 100, b);
        assertArrayEquals(a, snap.read(0, 8 * B), "snapshot unchanged by origin writes");
        byte[] expect = a.clone();
        System.arraycopy(b, 0, expect, B + 100, b.length);
        assertArrayEquals(expect, origin.read(0, 8 * B));
        byte[] c = random(r, B);
        snap.write(5L * B, c);
        assertArrayEquals(expect, origin.read(0, 8 * B), "origin unchanged by snapshot writes");
        // Two blocks broke sharing: 8 + 2 data blocks in use.
        assertEquals(10, pool.status().usedDataBlocks());
        // A second write to the now exclusive block goes in place.
        long used = pool.status().usedDataBlocks();
        origin.write(B + 5000, b);
        assertEquals(used, pool.status().usedDataBlocks());
    }

    @Test
    void snapshotOfSnapshotAndDeleteFreeOnlyUnsharedBlocks() throws IOException {
        open(CFG).createThin(1);
        ThinVolume v = pool.volume(1, 4L * B);
        v.write(0, random(new Random(3), 4 * B));
        pool.createSnapshot(2, 1);
        pool.createSnapshot(3, 2);
        byte[] orig = v.read(0, 4 * B);
        v.write(0, new byte[B]);
        pool.deleteDevice(1);
        assertThrows(IOException.class, () -> v.read(0, 10));
        assertArrayEquals(orig, pool.volume(3, 4L * B).read(0, 4 * B));
        assertEquals(4, pool.status().usedDataBlocks());
    }

    @Test
    void discardUnmapsWholeBlocksZeroesPartsAndPassesDownAfterCommit() throws IOException {
        open(CFG).createThin(1);
        ThinVolume v = pool.volume(1, 8L * B);
        v.write(0, random(new Random(4), 8 * B));
        v.flush();
        v.discard(B / 2, 3L * B);
        assertEquals(6, pool.volumeStatus(1).mappedBlocks());
        byte[] back = v.read(0, 4 * B);
        assertTrue(allZero(Arrays.copyOfRange(back, B / 2, B / 2 + 3 * B)));
        assertNotEquals(0, back[B / 2 - 1] | back[B / 2 - 2] | back[B / 2 - 3]);
        long discardsBefore = data.discards.get();
        v.flush();
        assertEquals(discardsBefore + 1, data.discards.get(),
                "the two freed consecutive blocks are passed down after the commit, as one request");
        assertEquals(6, pool.status().usedDataBlocks());
    }

    @Test
    void discardOfBlocksStillSharedWithASnapshotIsNotPassedDown() throws IOException {
        open(CFG).createThin(1);
        ThinVolume v = pool.volume(1, 4L * B);
        byte[] d = random(new Random(7), 4 * B);
        v.write(0, d);
        pool.createSnapshot(2, 1);
        long discardsBefore = data.discards.get();
        v.discard(0, 4L * B);
        v.flush();
        assertEquals(discardsBefore, data.discards.get(), "the snapshot still maps every block");
        assertArrayEquals(d, pool.volume(2, 4L * B).read(0, 4 * B));
        assertTrue(allZero(v.read(0, 4 * B)));
        assertEquals(4, pool.status().usedDataBlocks());
        pool.deleteDevice(2);
        assertEquals(0, pool.status().usedDataBlocks());
    }

    @Test
    void ignoreModeKeepsEverythingAndWriteZeroesStillUnmaps() throws IOException {
        open(CFG.withDiscardMode(DiscardMode.IGNORE)).createThin(1);
        ThinVolume v = pool.volume(1, 4L * B);
        byte[] d = random(new Random(5), 4 * B);
        v.write(0, d);
        v.discard(0, 4L * B);
        assertArrayEquals(d, v.read(0, 4 * B));
        v.writeZeroes(0, 2L * B + 10);
        assertEquals(2, pool.volumeStatus(1).mappedBlocks());
        assertTrue(allZero(v.read(0, 2 * B + 10)));
        assertEquals(d[2 * B + 10], v.read(2L * B + 10, 1)[0]);
    }

    @Test
    void flushMakesWritesDurableAcrossReopen() throws IOException {
        open(CFG).createThin(7);
        ThinVolume v = pool.volume(7, 4L * B);
        byte[] d = random(new Random(6), 5000);
        v.write(123, d);
        v.flush();
        long tid = pool.status().transactionId();
        pool.close();
        pool = ThinPool.open(metaDev, data, SECTORS, CFG);
        assertArrayEquals(d, pool.volume(7, 4L * B).read(123, d.length));
        assertEquals(tid, pool.status().transactionId());
    }

    @Test
    void backgroundCommitRunsWhileDirty() throws Exception {
        open(CFG.withCommitInterval(Duration.ofMillis(50))).createThin(1);
        long c = pool.commitCount();
        pool.volume(1, B).write(0, new byte[] {1});
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pool.commitCount() == c && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(pool.commitCount() > c, "the daemon committed the dirty pool");
        PoolMetadata md = PoolMetadata.open(metaDev, 1 << 20, true);
        BlockTime bt = md.lookup(1, 0);
        md.close();
        assertTrue(bt != null, "the mapping is on disk");
    }

    @Test
    void onlineResizeOfDataAndMetadata() throws IOException {
        open(CFG).createThin(1);
        dataMem.grow(128L * B);
        pool.resizeData(128);
        assertEquals(128, pool.status().totalDataBlocks());
        metaDev.grow(8L << 20);
        pool.resizeMetadata();
        assertEquals(2048, pool.status().totalMetadataBlocks());
        ThinVolume v = pool.volume(1, 128L * B);
        v.write(127L * B, new byte[] {9});
        assertEquals(9, v.read(127L * B, 1)[0]);
        assertThrows(IllegalArgumentException.class, () -> pool.resizeData(1000));
    }

    @Test
    void openRefusesAWrongBlockSizeOrAShortDataDevice() throws IOException {
        open(CFG).close();
        pool = null;
        assertThrows(IllegalArgumentException.class, () -> ThinPool.open(metaDev, data, 256, CFG));
        assertThrows(IllegalArgumentException.class, () -> ThinPool.open(metaDev, new MemoryBlockDevice(B), SECTORS,
                CFG));
        assertThrows(IllegalArgumentException.class, () -> ThinPool.format(metaDev, data, 12, CFG));
        pool = ThinPool.open(metaDev, data, SECTORS, CFG);
        assertEquals(64, pool.status().totalDataBlocks());
    }

    @Test
    void statusLineLooksLikeTheKernels() throws IOException {
        open(CFG).createThin(1);
        String s = pool.status().toString();
        assertTrue(s.matches("0 \\d+/1024 0/64 - rw discard_passdown queue_if_no_space -"), s);
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
