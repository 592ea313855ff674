package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.jlvm.dedup.format.Superblock;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.error.ReadOnlyException;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

class RebuildTest {
    private static final int B = 4096;

    @Test
    void rebuildRecomputesLostRefcountsFromTheMap() throws IOException {
        Random r = new Random(41);
        MemoryBlockDevice backing = new MemoryBlockDevice(4L << 20);
        byte[][] blocks = new byte[100][];
        Superblock sb;
        long used;
        try (DedupDevice dev = DedupDevice.format(backing, DedupOptions.ofLogicalSize(8L << 20).withIndexSlots(1024))) {
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = i > 0 && i % 3 == 0 ? blocks[0] : i % 2 == 0 ? DedupDeviceTest.randomBlock(r)
                        : DedupDeviceTest.textBlock(r);
                dev.write((long) i * B, blocks[i]);
            }
            dev.flush();
            used = dev.statistics().dataBlocksUsed();
            sb = dev.superblock();
        }
        // Lose both copies of every refcount page: they read as empty pages (all blocks "free").
        backing.writeZeroes(sb.refStart() * B, sb.refPages() * 2 * B);
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen())) {
            assertTrue(dev.readOnlyReason().contains("rebuild"), "lost refcounts are detected at open: "
                    + dev.readOnlyReason());
            assertArrayEquals(blocks[1], dev.read(B, B), "reads go on in read-only mode");
        }
        DedupRebuild.Report report = DedupRebuild.run(backing);
        assertEquals(used, report.refcountsChanged());
        assertEquals(0, report.entriesDropped());
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen())) {
            assertEquals(used, dev.statistics().dataBlocksUsed());
            for (int i = 0; i < 200; i++) {
                dev.write((long) (1000 + i) * B, DedupDeviceTest.randomBlock(r));
            }
            for (int i = 0; i < blocks.length; i++) {
                assertArrayEquals(blocks[i], dev.read((long) i * B, B), "block " + i + " survived new writes");
            }
        }
    }

    @Test
    void rebuildLeavesReadOnlyMode() throws IOException {
        Random r = new Random(42);
        MemoryBlockDevice backing = new MemoryBlockDevice(4L << 20);
        byte[] raw = DedupDeviceTest.randomBlock(r);
        Superblock sb;
        try (DedupDevice dev = DedupDevice.format(backing, DedupOptions.ofLogicalSize(4L << 20).withIndexSlots(1024))) {
            dev.write(0, DedupDeviceTest.textBlock(r));
            dev.write(B, raw);
            dev.flush();
            sb = dev.superblock();
        }
        backing.write(sb.dataStart() * B, ByteBuffer.allocate(B));
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen())) {
            assertThrows(CorruptMetadataException.class, () -> dev.read(0, B));
            assertThrows(ReadOnlyException.class, () -> dev.write(2L * B, raw));
        }
        DedupRebuild.run(backing);
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen())) {
            assertNull(dev.readOnlyReason());
            dev.write(2L * B, raw);
            assertArrayEquals(raw, dev.read(B, B));
            assertArrayEquals(raw, dev.read(2L * B, B));
            assertTrue(dev.statistics().dataBlocksUsed() >= 2);
        }
    }

    @Test
    void damagedMapPageMeansReadOnlyThenRebuildDropsItsBlocks() throws IOException {
        Random r = new Random(43);
        MemoryBlockDevice backing = new MemoryBlockDevice(8L << 20);
        int perPage = org.jlvm.dedup.format.Geometry.MAP_ENTRIES_PER_PAGE;
        byte[] first = DedupDeviceTest.randomBlock(r);
        byte[] second = DedupDeviceTest.textBlock(r);
        Superblock sb;
        try (DedupDevice dev = DedupDevice.format(backing, DedupOptions.ofLogicalSize(16L << 20).withIndexSlots(1024))) {
            dev.write(3L * B, first);
            dev.write((long) (perPage + 3) * B, second);
            dev.flush();
            dev.write(4L * B, first);
            dev.flush();
            sb = dev.superblock();
        }
        byte[] junk = DedupDeviceTest.randomBlock(r);
        backing.write(sb.mapStart() * B, junk);
        backing.write((sb.mapStart() + 1) * B, junk);
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen())) {
            assertTrue(dev.readOnlyReason().contains("map page 0"), dev.readOnlyReason());
            assertThrows(CorruptMetadataException.class, () -> dev.read(3L * B, B));
            assertArrayEquals(second, dev.read((long) (perPage + 3) * B, B), "other pages stay readable");
            assertThrows(ReadOnlyException.class, () -> dev.write(0, second));
        }
        DedupRebuild.Report report = DedupRebuild.run(backing);
        assertEquals(perPage, report.entriesDropped());
        assertEquals(1, report.refcountsChanged(), "the block shared by lbas 3 and 4 is no longer referenced");
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen())) {
            assertNull(dev.readOnlyReason());
            assertArrayEquals(new byte[B], dev.read(3L * B, B));
            assertArrayEquals(second, dev.read((long) (perPage + 3) * B, B));
            assertEquals(1, dev.statistics().logicalBlocksUsed());
            dev.write(3L * B, first);
            assertArrayEquals(first, dev.read(3L * B, B));
        }
    }
}
