package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** FUA writes: durable when they return, without a flush, and never parked in the packer. */
class FuaTest {
    private static final int B = 4096;
    private static final long MIB = 1 << 20;

    private static DedupOptions options(long waitMillis) {
        return DedupOptions.ofLogicalSize(16 * MIB).withIndexSlots(1024).withPackerMaxWaitMillis(waitMillis);
    }

    @Test
    void fuaWriteSurvivesACrashWithoutFlushAndSkipsThePacker() throws IOException {
        Random r = new Random(11);
        CrashSimulatingBlockDevice crashable = new CrashSimulatingBlockDevice(new MemoryBlockDevice(8 * MIB));
        byte[] text = DedupDeviceTest.textBlock(r);
        byte[] later = DedupDeviceTest.textBlock(r);
        DedupDevice dev = DedupDevice.format(crashable, options(0));
        dev.writeFua(5L * B, ByteBuffer.wrap(text));
        DedupStatistics s = dev.statistics();
        assertEquals(1, s.fuaWrites());
        assertEquals(0, s.compressedFragmentsWritten(), "a FUA write does not go through the packer");
        assertEquals(0, s.compressedFragmentsInPacker());
        assertEquals(1, s.rawBlocksWritten(), "compressible, but stored raw");
        assertEquals(0, crashable.unflushedBytes(), "nothing left in the volatile cache");
        dev.write(6L * B, later); // not flushed: must be lost
        assertEquals(1, dev.statistics().compressedFragmentsInPacker(), "a normal write is packed");
        dev.halt();
        crashable.crash(CrashMode.DROP_ALL, null);
        try (DedupDevice reopened = DedupDevice.open(crashable, DedupOptions.forOpen())) {
            assertArrayEquals(text, reopened.read(5L * B, B));
            assertArrayEquals(new byte[B], reopened.read(6L * B, B), "the un-flushed write was dropped");
        }
    }

    @Test
    void fuaWriteOfKnownDataSharesItAndMakesItDurable() throws IOException {
        Random r = new Random(12);
        CrashSimulatingBlockDevice crashable = new CrashSimulatingBlockDevice(new MemoryBlockDevice(8 * MIB));
        byte[] text = DedupDeviceTest.textBlock(r);
        DedupDevice dev = DedupDevice.format(crashable, options(0));
        dev.write(1L * B, text); // packed, in the open block
        dev.writeFua(2L * B, ByteBuffer.wrap(text));
        DedupStatistics s = dev.statistics();
        assertEquals(1, s.dedupeAdviceValid(), "the FUA write shared the stored copy");
        assertEquals(1, s.compressedFragmentsWritten());
        assertEquals(0, s.rawBlocksWritten());
        assertEquals(0, s.compressedFragmentsInPacker(), "the shared fragment's block was written");
        assertEquals(1, s.dataBlocksUsed());
        dev.halt();
        crashable.crash(CrashMode.DROP_ALL, null);
        try (DedupDevice reopened = DedupDevice.open(crashable, DedupOptions.forOpen())) {
            assertArrayEquals(text, reopened.read(2L * B, B));
            assertArrayEquals(text, reopened.read(1L * B, B), "written before the FUA: flushed with it");
        }
    }

    @Test
    void partialAndMultiBlockFuaWritesSurviveCrashesKeepingRandomSectors() throws IOException {
        long seed = System.nanoTime();
        System.out.println("FuaTest seed=" + seed);
        Random r = new Random(seed);
        CrashSimulatingBlockDevice crashable = new CrashSimulatingBlockDevice(new MemoryBlockDevice(8 * MIB));
        byte[] expected = new byte[64 * B];
        DedupDevice dev = DedupDevice.format(crashable, options(DedupOptions.DEFAULT_PACKER_MAX_WAIT_MILLIS));
        for (int round = 0; round < 20; round++) {
            int off = r.nextInt(60 * B);
            int len = 1 + r.nextInt(3 * B);
            byte[] data = r.nextBoolean() ? DedupDeviceTest.textBlock(r) : DedupDeviceTest.randomBlock(r);
            byte[] piece = new byte[len];
            for (int i = 0; i < len; i++) {
                piece[i] = data[i % B];
            }
            dev.writeFua(off, ByteBuffer.wrap(piece));
            System.arraycopy(piece, 0, expected, off, len);
            dev.write((long) (64 + r.nextInt(64)) * B, DedupDeviceTest.textBlock(r)); // lost or not, elsewhere
            dev.halt();
            crashable.crash(CrashMode.SUBSET, r);
            dev = DedupDevice.open(crashable, options(DedupOptions.DEFAULT_PACKER_MAX_WAIT_MILLIS));
            assertArrayEquals(expected, dev.read(0, expected.length), "seed " + seed + " round " + round);
            assertEquals(null, dev.readOnlyReason());
        }
        dev.close();
    }

    @Test
    void theDefaultFuaOfADeviceWritesThenFlushes() throws IOException {
        CrashSimulatingBlockDevice crashable = new CrashSimulatingBlockDevice(new MemoryBlockDevice(MIB));
        byte[] data = DedupDeviceTest.randomBlock(new Random(13));
        crashable.writeFua(3L * B, ByteBuffer.wrap(data));
        assertEquals(0, crashable.unflushedBytes());
        crashable.crash(CrashMode.DROP_ALL, null);
        assertArrayEquals(data, crashable.read(3L * B, B));
        assertTrue(crashable.size() > 0);
    }
}
