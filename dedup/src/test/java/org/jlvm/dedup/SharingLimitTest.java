package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jlvm.dedup.format.MapEntry;
import org.jlvm.dedup.format.PackedBlock;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** A compressed fragment shared up to the 254 limit: later writes store a new copy, nothing jams or leaks. */
class SharingLimitTest {
    private static final int B = 4096;
    private static final long MIB = 1 << 20;

    private static void writeManyCopiesThenOthers(MemoryBlockDevice backing, DedupDevice dev, byte[] same,
            int firstLba, Random r) throws IOException {
        for (int i = 0; i < 400; i++) {
            dev.write((long) (firstLba + i) * B, same);
        }
        List<byte[]> others = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] t = DedupDeviceTest.textBlock(r);
            others.add(t);
            dev.write((long) (firstLba + 400 + i) * B, t);
        }
        assertTrue(dev.statistics().rolloverCopies() >= 1, "the 255th sharer gets its own copy");
        dev.flush();
        dev.close();
        try (DedupDevice again = DedupDeviceTest.reopen(backing)) {
            assertNull(again.readOnlyReason(), "no leaked reference");
            for (int i = 0; i < 400; i++) {
                assertArrayEquals(same, again.read((long) (firstLba + i) * B, B), "copy " + i);
            }
            for (int i = 0; i < others.size(); i++) {
                assertArrayEquals(others.get(i), again.read((long) (firstLba + 400 + i) * B, B));
            }
            again.discard(0, again.size());
            again.flush();
            assertEquals(0, again.statistics().dataBlocksUsed());
        }
    }

    @Test
    void compressibleBlockWritten400Times() throws IOException {
        Random r = new Random(61);
        MemoryBlockDevice backing = new MemoryBlockDevice(8 * MIB);
        DedupDevice dev = DedupDeviceTest.format(backing, 8 * MIB);
        writeManyCopiesThenOthers(backing, dev, DedupDeviceTest.textBlock(r), 0, r);
    }

    @Test
    void fragmentSpanningTwoBlocksWritten400Times() throws IOException {
        Random r = new Random(62);
        MemoryBlockDevice backing = new MemoryBlockDevice(8 * MIB);
        DedupDevice dev = DedupDeviceTest.format(backing, 8 * MIB);
        byte[] spanning = null;
        int lba = 0;
        while (spanning == null) {
            byte[] t = DedupDeviceTest.textBlock(r);
            dev.write((long) lba * B, t);
            long e = dev.mappingOf(lba++);
            if (MapEntry.kind(e) == MapEntry.KIND_COMPRESSED
                    && MapEntry.offset(e) + MapEntry.length(e) > PackedBlock.PAYLOAD) {
                spanning = t;
            }
        }
        writeManyCopiesThenOthers(backing, dev, spanning, lba, r);
    }
}
