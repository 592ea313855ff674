package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.Random;
import org.jlvm.dedup.format.MapEntry;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** A block that more than 254 map entries point at: the rebuild gives the extra sharers their own copy. */
class RebuildOverSharedTest {
    private static final int B = 4096;
    private static final int SHARERS = 300;

    @Test
    void rebuildCopiesOverSharedBlocksOut() throws IOException {
        Random r = new Random(81);
        MemoryBlockDevice backing = new MemoryBlockDevice(8L << 20);
        byte[] raw = DedupDeviceTest.randomBlock(r);
        byte[] text = DedupDeviceTest.textBlock(r);
        long rawEntry;
        long textEntry;
        try (DedupDevice dev = DedupDevice.format(backing,
                DedupOptions.ofLogicalSize(16L << 20).withIndexSlots(1024))) {
            dev.write(0, raw);
            dev.write(B, text);
            dev.flush();
            rawEntry = dev.mappingOf(0);
            textEntry = dev.mappingOf(1);
        }
        // Damage: 300 map entries point at each block (as a lost refcount page plus old bugs could leave it).
        MetadataStore store = MetadataStore.open(backing, true);
        for (int i = 0; i < SHARERS; i++) {
            store.map().set(10 + i, rawEntry);
            store.map().set(1000 + i, textEntry);
        }
        store.commit();
        try (DedupDevice dev = DedupDeviceTest.reopen(backing)) {
            assertNotNull(dev.readOnlyReason(), "the open-time check sees the over-shared blocks");
        }
        DedupRebuild.Report report = DedupRebuild.run(backing);
        assertEquals(2, report.overShared());
        try (DedupDevice dev = DedupDeviceTest.reopen(backing)) {
            assertNull(dev.readOnlyReason(), "after the rebuild the device is consistent");
            for (int i = 0; i < SHARERS; i++) {
                assertArrayEquals(raw, dev.read((long) (10 + i) * B, B));
                assertArrayEquals(text, dev.read((long) (1000 + i) * B, B));
            }
            // Release the original block's sharers entirely, reuse the space, and check the rest survive.
            dev.discard(0, B);
            dev.discard(B, B);
            for (int i = 0; i < 250; i++) {
                dev.discard((long) (10 + i) * B, B);
                dev.discard((long) (1000 + i) * B, B);
            }
            dev.flush();
            for (int i = 0; i < 600; i++) {
                dev.write((long) (2000 + i) * B, DedupDeviceTest.randomBlock(r));
            }
            dev.flush();
            for (int i = 250; i < SHARERS; i++) {
                assertArrayEquals(raw, dev.read((long) (10 + i) * B, B), "sharer " + i);
                assertArrayEquals(text, dev.read((long) (1000 + i) * B, B), "sharer " + i);
            }
        }
        try (DedupDevice dev = DedupDeviceTest.reopen(backing)) {
            assertNull(dev.readOnlyReason());
            for (int i = 250; i < SHARERS; i++) {
                assertArrayEquals(raw, dev.read((long) (10 + i) * B, B));
                assertArrayEquals(text, dev.read((long) (1000 + i) * B, B));
            }
        }
        assertEquals(MapEntry.KIND_RAW, MapEntry.kind(rawEntry));
    }
}
