package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning with zeroing skips the zeroes where the new block already reads as zero (known from a discard on a
 * device whose discards zero, or seen by reading it), and never lets stale data of a freed block show.
 */
class ZeroingTest {
    static final int SECTORS = 128;
    static final int B = SECTORS * 512;
    static final ThinPoolConfig CFG = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO);

    final MemoryBlockDevice metaDev = new MemoryBlockDevice(4L << 20);
    ThinPool pool;

    @AfterEach
    void close() throws IOException {
        if (pool != null) {
            pool.close();
        }
    }

    private static MemoryBlockDevice garbage(int blocks) throws IOException {
        MemoryBlockDevice m = new MemoryBlockDevice((long) blocks * B);
        byte[] junk = new byte[blocks * B];
        Arrays.fill(junk, (byte) 0xAA);
        m.write(0, junk);
        return m;
    }

    private static byte[] piece() {
        byte[] p = new byte[4096];
        Arrays.fill(p, (byte) 7);
        return p;
    }

    /** Block {@code vb} of the volume as it should read after {@link #piece()} was written at {@code in}. */
    private static byte[] expected(int in) {
        byte[] want = new byte[B];
        System.arraycopy(piece(), 0, want, in, 4096);
        return want;
    }

    @Test
    void aNewPoolOnADeviceWhoseDiscardsZeroProvisionsWithoutWritingZeroes() throws IOException {
        CountingDevice data = new CountingDevice(garbage(16));
        pool = ThinPool.format(metaDev, data, SECTORS, CFG);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 16L * B);
        long bytes = data.bytesWritten.get();
        long reads = data.reads.get();
        v.write(B + 1000, piece());
        assertEquals(bytes + 4096, data.bytesWritten.get(), "only the piece is written");
        assertEquals(reads, data.reads.get(), "nothing is read either");
        assertArrayEquals(expected(1000), v.read(B, B), "the rest reads as zeroes: the format discarded it");
    }

    @Test
    void staleDataIsZeroedWhereDiscardsDoNotZero() throws IOException {
        CountingDevice data = new CountingDevice(garbage(16), false);
        pool = ThinPool.format(metaDev, data, SECTORS, CFG);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 16L * B);
        long bytes = data.bytesWritten.get();
        v.write(B + 1000, piece());
        assertEquals(bytes + B, data.bytesWritten.get(), "the whole block is written: zeroes around the piece");
        assertArrayEquals(expected(1000), v.read(B, B));
    }

    @Test
    void aNewBlockThatAlreadyReadsAsZeroGetsOnlyThePiece() throws IOException {
        CountingDevice data = new CountingDevice(new MemoryBlockDevice(16L * B), false);
        pool = ThinPool.format(metaDev, data, SECTORS, CFG);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 16L * B);
        long bytes = data.bytesWritten.get();
        v.write(3L * B + B - 4096, piece());
        assertEquals(bytes + 4096, data.bytesWritten.get());
        assertArrayEquals(expected(B - 4096), v.read(3L * B, B));
    }

    /** Fills a pool of 8 blocks, frees block 3 by a discard, then provisions on another device: gets block 3. */
    private long reuseFreedBlock(CountingDevice data, ThinPoolConfig cfg) throws IOException {
        pool = ThinPool.format(metaDev, data, SECTORS, cfg);
        pool.createThin(1);
        ThinVolume v1 = pool.volume(1, 8L * B);
        byte[] full = new byte[8 * B];
        Arrays.fill(full, (byte) 0x55);
        v1.write(0, full);
        v1.flush();
        v1.discard(3L * B, B);
        v1.flush();
        assertEquals(7, pool.status().usedDataBlocks());
        pool.createThin(2);
        ThinVolume v2 = pool.volume(2, 8L * B);
        long bytes = data.bytesWritten.get();
        v2.write(100, piece());
        assertEquals(8, pool.status().usedDataBlocks());
        byte[] want = new byte[B];
        System.arraycopy(piece(), 0, want, 100, 4096);
        assertArrayEquals(want, v2.read(0, B), "never the other device's old data");
        return data.bytesWritten.get() - bytes;
    }

    @Test
    void aBlockFreedWithPassdownComesBackWithoutZeroing() throws IOException {
        CountingDevice data = new CountingDevice(new MemoryBlockDevice(8L * B));
        assertEquals(4096, reuseFreedBlock(data, CFG));
    }

    @Test
    void aBlockFreedWithoutPassdownIsZeroedBeforeReuse() throws IOException {
        CountingDevice data = new CountingDevice(new MemoryBlockDevice(8L * B));
        assertEquals(B, reuseFreedBlock(data, CFG.withDiscardMode(DiscardMode.NOPASSDOWN)));
    }

    @Test
    void blocksAddedByAResizeAreKnownZero() throws IOException {
        MemoryBlockDevice mem = garbage(4);
        CountingDevice data = new CountingDevice(mem);
        pool = ThinPool.format(metaDev, data, SECTORS, CFG);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 64L * B);
        byte[] full = new byte[4 * B];
        Arrays.fill(full, (byte) 1);
        v.write(0, full); // the first four blocks are used up
        mem.grow(8L * B);
        mem.write(4L * B, new byte[] {9, 9, 9}); // junk in the grown part
        pool.resizeData(8);
        long bytes = data.bytesWritten.get();
        v.write(10L * B + 8192, piece());
        assertEquals(bytes + 4096, data.bytesWritten.get());
        byte[] want = new byte[B];
        System.arraycopy(piece(), 0, want, 8192, 4096);
        assertArrayEquals(want, v.read(10L * B, B));
    }

    @Test
    void copyOnWriteStillCopiesTheWholeBlock() throws IOException {
        CountingDevice data = new CountingDevice(new MemoryBlockDevice(16L * B));
        pool = ThinPool.format(metaDev, data, SECTORS, CFG);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 16L * B);
        byte[] full = new byte[B];
        Arrays.fill(full, (byte) 3);
        v.write(0, full);
        pool.createSnapshot(2, 1);
        v.write(500, piece());
        byte[] want = full.clone();
        System.arraycopy(piece(), 0, want, 500, 4096);
        assertArrayEquals(want, v.read(0, B));
        assertArrayEquals(full, pool.volume(2, 16L * B).read(0, B));
        assertTrue(pool.status().usedDataBlocks() == 2);
    }
}
