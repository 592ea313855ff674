package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.jlvm.dedup.format.Superblock;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.io.FaultInjectingBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/**
 * Once un-flushed changes can no longer be committed (read-only switch while dirty, failed commit), every
 * later flush, FUA write and close fails, and reads do not serve the lost data.
 */
class LostWritesTest {
    private static final int B = 4096;
    private static final long MIB = 1 << 20;

    @Test
    void readOnlySwitchWhileDirtyFailsEveryLaterFlushAndClose() throws IOException {
        Random r = new Random(51);
        MemoryBlockDevice backing = new MemoryBlockDevice(8 * MIB);
        byte[] text = DedupDeviceTest.textBlock(r);
        byte[] raw = DedupDeviceTest.randomBlock(r);
        Superblock sb;
        try (DedupDevice dev = DedupDeviceTest.format(backing, 8 * MIB)) {
            dev.write(0, text);
            dev.write(B, raw);
            dev.flush();
            sb = dev.superblock();
        }
        byte[] packed = backing.read(sb.dataStart() * B, B);
        for (int i = 100; i < 400; i++) {
            packed[i] ^= (byte) 0x5a;
        }
        backing.write(sb.dataStart() * B, packed);
        byte[] lost = DedupDeviceTest.randomBlock(r);
        DedupDevice dev = DedupDeviceTest.reopen(backing);
        dev.write(1000L * B, lost); // map page 1 is now dirty
        assertThrows(CorruptMetadataException.class, () -> dev.read(0, B)); // unrelated: read-only now
        assertNotNull(dev.readOnlyReason());
        IOException f = assertThrows(IOException.class, dev::flush, "a flush cannot make the write durable");
        assertTrue(f.getMessage().contains("lost"), f.getMessage());
        assertThrows(IOException.class, dev::flush, "and neither can the next one");
        assertThrows(IOException.class, () -> dev.writeFua(2000L * B, java.nio.ByteBuffer.wrap(raw)));
        assertThrows(IOException.class, () -> dev.read(1000L * B, B), "the lost write is not served");
        assertArrayEquals(raw, dev.read(B, B), "committed blocks stay readable");
        assertThrows(IOException.class, dev::close);
        try (DedupDevice again = DedupDeviceTest.reopen(backing)) {
            assertNotNull(again.readOnlyReason());
            assertArrayEquals(new byte[B], again.read(1000L * B, B));
            assertArrayEquals(raw, again.read(B, B));
        }
    }

    @Test
    void failedDataFlushSwitchesToFailModeAndTheRetryDoesNotCommit() throws IOException {
        Random r = new Random(52);
        MemoryBlockDevice mem = new MemoryBlockDevice(8 * MIB);
        Random faults = new Random(52);
        FaultInjectingBlockDevice disk = FaultInjectingBlockDevice.leavingOpen(mem);
        DedupOptions opts = DedupOptions.ofLogicalSize(8 * MIB).withIndexSlots(1024).withPackerMaxWaitMillis(0);
        byte[][] durable = new byte[64][];
        DedupDevice dev = DedupDevice.format(disk, opts);
        for (int i = 0; i < 32; i++) {
            durable[i] = i % 2 == 0 ? DedupDeviceTest.randomBlock(r) : DedupDeviceTest.textBlock(r);
            dev.write((long) i * B, durable[i]);
        }
        dev.flush();
        byte[][] later = new byte[64][];
        for (int i = 32; i < 64; i++) {
            later[i] = i % 2 == 0 ? DedupDeviceTest.randomBlock(r) : DedupDeviceTest.textBlock(r);
            dev.write((long) i * B, later[i]);
        }
        disk.failFlushAfter(1, CrashMode.SUBSET, faults);
        assertThrows(IOException.class, dev::flush);
        assertNotNull(dev.readOnlyReason(), "a failed flush leaves the device read-only");
        assertThrows(IOException.class, dev::flush, "the retry must not publish data that never reached the disk");
        assertThrows(IOException.class, () -> dev.writeFua(0, java.nio.ByteBuffer.wrap(later[32])));
        assertThrows(IOException.class, () -> dev.read(40L * B, B));
        assertThrows(IOException.class, dev::close);
        disk.crash(CrashMode.DROP_ALL, faults);
        try (DedupDevice again = DedupDevice.open(disk, opts)) {
            for (int i = 0; i < 32; i++) {
                assertArrayEquals(durable[i], again.read((long) i * B, B), "block " + i);
            }
        }
    }
}
