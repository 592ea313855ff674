package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.jlvm.dedup.format.Superblock;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.error.ReadOnlyException;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

class DedupDeviceTest {
    static final int B = 4096;
    static final long MIB = 1 << 20;

    static byte[] randomBlock(Random r) {
        byte[] b = new byte[B];
        r.nextBytes(b);
        return b;
    }

    static byte[] textBlock(Random r) {
        byte[] b = new byte[B];
        String[] words = {"alpha ", "beta ", "gamma ", "delta ", "epsilon ", "\n"};
        int p = 0;
        while (p < B) {
            String w = r.nextInt(6) == 0 ? Long.toString(r.nextLong(), 36) + " " : words[r.nextInt(words.length)];
            for (char c : w.toCharArray()) {
                if (p < B) {
                    b[p++] = (byte) c;
                }
            }
        }
        return b;
    }

    static DedupDevice format(MemoryBlockDevice backing, long logical) throws IOException {
        return DedupDevice.format(backing, DedupOptions.ofLogicalSize(logical).withIndexSlots(4096));
    }

    static DedupDevice reopen(MemoryBlockDevice backing) throws IOException {
        return DedupDevice.open(backing, DedupOptions.forOpen());
    }

    @Test
    void readsBackWritesAndUnwrittenBlocksAreZero() throws IOException {
        Random r = new Random(1);
        MemoryBlockDevice backing = new MemoryBlockDevice(4 * MIB);
        try (DedupDevice dev = format(backing, 64 * MIB)) {
            assertEquals(64 * MIB, dev.size(), "logical size may exceed the backing size");
            byte[] a = randomBlock(r);
            dev.write(10L * B, a);
            assertArrayEquals(a, dev.read(10L * B, B));
            assertArrayEquals(new byte[B], dev.read(11L * B, B));
            assertArrayEquals(new byte[B], dev.read(60 * MIB, B));
        }
    }

    @Test
    void partialWritesAreReadModifyWrite() throws IOException {
        Random r = new Random(2);
        MemoryBlockDevice backing = new MemoryBlockDevice(4 * MIB);
        try (DedupDevice dev = format(backing, 8 * MIB)) {
            byte[] expected = new byte[3 * B];
            byte[] a = new byte[3 * B];
            r.nextBytes(a);
            dev.write(0, a);
            System.arraycopy(a, 0, expected, 0, a.length);
            byte[] patch = new byte[5000];
            r.nextBytes(patch);
            dev.write(1000, patch);
            System.arraycopy(patch, 0, expected, 1000, patch.length);
            dev.write(B * 2 + 7, new byte[] {1, 2, 3});
            expected[B * 2 + 7] = 1;
            expected[B * 2 + 8] = 2;
            expected[B * 2 + 9] = 3;
            assertArrayEquals(expected, dev.read(0, 3 * B));
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 999, 6111), dev.read(999, 5112));
            dev.flush();
        }
        try (DedupDevice dev = reopen(backing)) {
            byte[] got = dev.read(1000, 3);
            assertNotNull(got);
        }
    }

    @Test
    void zeroBlocksUseNoSpaceAndDuplicatesShareOneBlock() throws IOException {
        Random r = new Random(3);
        MemoryBlockDevice backing = new MemoryBlockDevice(4 * MIB);
        try (DedupDevice dev = format(backing, 8 * MIB)) {
            dev.write(0, new byte[16 * B]);
            DedupStatistics s = dev.statistics();
            assertEquals(0, s.dataBlocksUsed());
            assertEquals(16, s.logicalBlocksUsed());
            assertEquals(16, s.zeroBlocksWritten());
            byte[] a = randomBlock(r);
            for (int i = 0; i < 20; i++) {
                dev.write((100L + i) * B, a);
            }
            s = dev.statistics();
            assertEquals(1, s.dataBlocksUsed());
            assertEquals(19, s.dedupeAdviceValid());
            assertEquals(36, s.logicalBlocksUsed());
            assertEquals(97, s.savingPercent());
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(a, dev.read((100L + i) * B, B));
            }
        }
    }

    @Test
    void compressibleBlocksArePackedAndSpanBlocks() throws IOException {
        Random r = new Random(4);
        MemoryBlockDevice backing = new MemoryBlockDevice(8 * MIB);
        byte[][] blocks = new byte[200][];
        try (DedupDevice dev = format(backing, 8 * MIB)) {
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = textBlock(r);
                dev.write((long) i * B, blocks[i]);
            }
            DedupStatistics s = dev.statistics();
            assertEquals(200, s.compressedFragmentsWritten());
            org.jlvm.dedup.compress.Codec codec = org.jlvm.dedup.compress.Lz4Codec.fastest();
            long bytes = 0;
            byte[] buf = new byte[codec.maxCompressedLength()];
            for (byte[] b : blocks) {
                bytes += codec.compress(b, buf);
            }
            long perfect = (bytes + 4079) / 4080;
            assertTrue(s.dataBlocksUsed() <= perfect + 2, "fragments span blocks, so packing is near perfect: used "
                    + s.dataBlocksUsed() + ", perfect " + perfect);
            assertTrue(s.dataBlocksUsed() < 150);
            for (int i = 0; i < blocks.length; i++) {
                assertArrayEquals(blocks[i], dev.read((long) i * B, B), "block " + i + " before flush");
            }
            dev.flush();
        }
        try (DedupDevice dev = reopen(backing)) {
            for (int i = 0; i < blocks.length; i++) {
                assertArrayEquals(blocks[i], dev.read((long) i * B, B), "block " + i + " after reopen");
            }
            for (int i = 0; i < blocks.length; i++) {
                dev.write((long) (i + 1000) * B, blocks[i]);
            }
            assertEquals(200, dev.statistics().dedupeAdviceValid(), "persisted index finds packed fragments");
        }
    }

    @Test
    void rolloverAfter254Sharers() throws IOException {
        Random r = new Random(5);
        MemoryBlockDevice backing = new MemoryBlockDevice(4 * MIB);
        byte[] a = randomBlock(r);
        try (DedupDevice dev = format(backing, 8 * MIB)) {
            for (int i = 0; i < 600; i++) {
                dev.write((long) i * B, a);
            }
            DedupStatistics s = dev.statistics();
            assertEquals(3, s.dataBlocksUsed(), "254 + 254 + 92 sharers");
            assertEquals(2, s.rolloverCopies());
            dev.flush();
        }
        try (DedupDevice dev = reopen(backing)) {
            for (int i = 0; i < 600; i++) {
                assertArrayEquals(a, dev.read((long) i * B, B));
            }
            dev.discard(0, 600L * B);
            dev.flush();
            assertEquals(0, dev.statistics().dataBlocksUsed());
            assertEquals(0, dev.statistics().logicalBlocksUsed());
        }
    }

    @Test
    void overwritesFreeOldBlocksOnlyAfterAFlush() throws IOException {
        Random r = new Random(6);
        MemoryBlockDevice backing = new MemoryBlockDevice(2 * MIB);
        try (DedupDevice dev = DedupDevice.format(backing,
                DedupOptions.ofLogicalSize(16 * MIB).withIndexSlots(256).withCompression(false))) {
            long data = dev.superblock().dataBlocks();
            for (long i = 0; i < data; i++) {
                dev.write(i * B, randomBlock(r));
            }
            byte[] extra = randomBlock(r);
            assertThrows(NoSpaceException.class, () -> dev.write(data * B, extra));
            assertEquals(1, dev.statistics().noSpaceErrors());
            assertArrayEquals(new byte[B], dev.read(data * B, B), "the failed write changed nothing");
            dev.flush();
            dev.discard(0, 4L * B);
            assertThrows(NoSpaceException.class, () -> dev.write(data * B, extra),
                    "a freed block is not reused before its decrement is durable");
            assertEquals(4, dev.statistics().dataBlocksPendingFree());
            dev.flush();
            dev.write(data * B, extra);
            assertArrayEquals(extra, dev.read(data * B, B));
        }
    }

    @Test
    void losingOrCorruptingThePersistedIndexLosesNoData() throws IOException {
        Random r = new Random(7);
        MemoryBlockDevice backing = new MemoryBlockDevice(8 * MIB);
        byte[][] blocks = new byte[64][];
        Superblock sb;
        try (DedupDevice dev = format(backing, 8 * MIB)) {
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = i % 2 == 0 ? randomBlock(r) : textBlock(r);
                dev.write((long) i * B, blocks[i]);
            }
            sb = dev.superblock();
        }
        byte[] junk = randomBlock(r);
        backing.write((sb.indexStart() + 1) * B, junk);
        try (DedupDevice dev = reopen(backing)) {
            assertEquals(0, dev.statistics().indexEntries(), "a damaged index is dropped");
            for (int i = 0; i < blocks.length; i++) {
                assertArrayEquals(blocks[i], dev.read((long) i * B, B));
                dev.write((long) (i + 100) * B, blocks[i]);
            }
            assertEquals(0, dev.statistics().dedupeAdviceValid());
            for (int i = 0; i < blocks.length; i++) {
                dev.write((long) (i + 200) * B, blocks[i]);
            }
            assertEquals(64, dev.statistics().dedupeAdviceValid(), "dedup warms up again");
            dev.forgetIndex();
            for (int i = 0; i < blocks.length; i++) {
                assertArrayEquals(blocks[i], dev.read((long) (i + 200) * B, B));
            }
        }
    }

    @Test
    void corruptFragmentGivesAnErrorAndReadOnlyMode() throws IOException {
        Random r = new Random(8);
        MemoryBlockDevice backing = new MemoryBlockDevice(8 * MIB);
        byte[] text = textBlock(r);
        byte[] raw = randomBlock(r);
        Superblock sb;
        try (DedupDevice dev = format(backing, 8 * MIB)) {
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
        try (DedupDevice dev = reopen(backing)) {
            assertThrows(CorruptMetadataException.class, () -> dev.read(0, B));
            assertNotNull(dev.readOnlyReason());
            assertArrayEquals(raw, dev.read(B, B), "other blocks stay readable");
            assertThrows(ReadOnlyException.class, () -> dev.write(2 * B, raw));
            assertEquals("read-only", dev.statistics().operatingMode());
        }
        try (DedupDevice dev = reopen(backing)) {
            assertNotNull(dev.readOnlyReason(), "read-only mode is persistent");
            assertTrue(dev.readOnlyReason().contains("logical block 0"), dev.readOnlyReason());
            assertThrows(ReadOnlyException.class, () -> dev.write(2 * B, raw));
        }
    }

    @Test
    void discardAndWriteZeroesUnmapRanges() throws IOException {
        Random r = new Random(9);
        MemoryBlockDevice backing = new MemoryBlockDevice(8 * MIB);
        try (DedupDevice dev = format(backing, 64 * MIB)) {
            byte[] big = new byte[256 * B];
            r.nextBytes(big);
            dev.write(0, big);
            dev.discard(B / 2, 100L * B);
            assertArrayEquals(java.util.Arrays.copyOfRange(big, 0, B), dev.read(0, B), "partial block kept");
            assertArrayEquals(new byte[99 * B], dev.read(B, 99 * B));
            assertArrayEquals(java.util.Arrays.copyOfRange(big, 100 * B, 101 * B), dev.read(100L * B, B));
            dev.writeZeroes(150L * B + 10, 20L * B);
            byte[] expect = java.util.Arrays.copyOfRange(big, 150 * B, 171 * B);
            java.util.Arrays.fill(expect, 10, 10 + 20 * B, (byte) 0);
            assertArrayEquals(expect, dev.read(150L * B, 21 * B));
            assertEquals(99, dev.statistics().discardedBlocks());
            dev.flush();
            assertEquals(256 - 99 - 19, dev.statistics().dataBlocksUsed());
        }
        try (DedupDevice dev = reopen(backing)) {
            assertArrayEquals(new byte[99 * B], dev.read(B, 99 * B));
        }
    }

    @Test
    void readOnlyOpenRefusesWrites() throws IOException {
        MemoryBlockDevice backing = new MemoryBlockDevice(4 * MIB);
        try (DedupDevice dev = format(backing, 4 * MIB)) {
            dev.write(0, textBlock(new Random(10)));
        }
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen().withReadOnly(true))) {
            assertNull(dev.readOnlyReason());
            assertThrows(ReadOnlyException.class, () -> dev.write(0, ByteBuffer.allocate(B)));
            assertEquals(1, dev.statistics().logicalBlocksUsed());
        }
    }

    @Test
    void notADedupDeviceIsACorruptMetadataError() {
        MemoryBlockDevice backing = new MemoryBlockDevice(4 * MIB);
        assertThrows(CorruptMetadataException.class, () -> reopen(backing));
    }

    @Test
    void lowWaterEventFiresOnceAndReArms() throws IOException {
        Random r = new Random(11);
        MemoryBlockDevice backing = new MemoryBlockDevice(2 * MIB);
        java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();
        try (DedupDevice dev = DedupDevice.format(backing,
                DedupOptions.ofLogicalSize(16 * MIB).withIndexSlots(256).withCompression(false))) {
            long data = dev.superblock().dataBlocks();
            dev.setLowWater(50, events::incrementAndGet);
            for (long i = 0; i < data - 60; i++) {
                dev.write(i * B, randomBlock(r));
            }
            assertEquals(0, events.get());
            for (long i = data - 60; i < data - 20; i++) {
                dev.write(i * B, randomBlock(r));
            }
            assertEquals(1, events.get(), "fires once below the mark");
            dev.discard(0, 100L * B);
            dev.flush();
            dev.write(0, randomBlock(r));
            assertEquals(1, events.get());
            for (long i = 1; i < 80; i++) {
                dev.write(i * B, randomBlock(r));
            }
            assertEquals(2, events.get(), "re-armed after space came back");
        }
    }

    @Test
    void pureJavaLz4ReadsWhatJniWroteAndBack() throws IOException {
        Random r = new Random(12);
        MemoryBlockDevice backing = new MemoryBlockDevice(8 * MIB);
        byte[][] blocks = new byte[50][];
        try (DedupDevice dev = format(backing, 8 * MIB)) {
            for (int i = 0; i < 25; i++) {
                blocks[i] = textBlock(r);
                dev.write((long) i * B, blocks[i]);
            }
        }
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen().withPureJavaLz4(true))) {
            assertEquals("lz4-java", dev.statistics().codec());
            for (int i = 25; i < 50; i++) {
                blocks[i] = textBlock(r);
                dev.write((long) i * B, blocks[i]);
            }
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(blocks[i], dev.read((long) i * B, B));
            }
        }
        try (DedupDevice dev = reopen(backing)) {
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(blocks[i], dev.read((long) i * B, B));
            }
            assertEquals(50, dev.statistics().logicalBlocksUsed());
        }
    }

    @Test
    void staleAdviceToAReusedBlockIsRejectedAfterACommit() throws IOException {
        Random r = new Random(13);
        MemoryBlockDevice backing = new MemoryBlockDevice(80L * B);
        try (DedupDevice dev = DedupDevice.format(backing,
                DedupOptions.ofLogicalSize(16 * MIB).withIndexSlots(1024))) {
            long n = dev.superblock().dataBlocks();
            byte[] a = textBlock(r);
            dev.write(0, a);
            dev.write(0, randomBlock(r));
            dev.flush();
            for (long i = 0; i < n - 1; i++) {
                dev.write((100 + i) * B, randomBlock(r));
            }
            assertEquals(n, dev.statistics().dataBlocksUsed(), "the packed block that held 'a' was reused raw");
            dev.discard(100L * B, B);
            dev.flush();
            dev.write(5L * B, a);
            assertArrayEquals(a, dev.read(5L * B, B));
            assertEquals(0, dev.statistics().dedupeAdviceValid());
            assertTrue(dev.statistics().dedupeAdviceStale() >= 1);
        }
    }
}
