package org.jlvm.cli.lvm.ondisk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.jlvm.cli.lvm.LvmVectors;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** The circular buffer: reads of recorded texts (also wrapped), lvm2's placement, wrap-around, the protocol. */
class MetadataAreaTest {
    private static final DiskLocn MDA1 = new DiskLocn(4096, 1044480);

    @Test
    void readsTheCommittedTextOfRecordedPvs() throws Exception {
        MetadataArea vg64 = MetadataArea.open(LvmVectors.device("vg64-linear.head.bin", 64 * LvmVectors.MIB), MDA1, "vg64");
        assertArrayEquals(LvmVectors.bytes("vg64-seqno2.mdatext.bin"), vg64.readCommitted().orElseThrow());
        MetadataArea vgt = MetadataArea.open(LvmVectors.device("vgt-pv1.head.bin", 256 * LvmVectors.MIB), MDA1, "vgt");
        assertArrayEquals(LvmVectors.bytes("vgt-seqno4.mdatext.bin"), vgt.readCommitted().orElseThrow());
        MetadataArea orphan = MetadataArea.open(LvmVectors.device("pv-64m-orphan.head.bin", 64 * LvmVectors.MIB), MDA1, "o");
        assertTrue(orphan.readCommitted().isEmpty());
    }

    @Test
    void readsTheWrappedText() throws Exception {
        MemoryBlockDevice dev = LvmVectors.device("vgw-wrapped.head.bin", 64 * LvmVectors.MIB);
        MetadataArea mda = MetadataArea.open(dev, new DiskLocn(4096, 61440), "vgw");
        byte[] text = mda.readCommitted().orElseThrow();
        assertEquals(5529, text.length);
        byte[] head = LvmVectors.bytes("vgw-wrapped.head.bin");
        assertArrayEquals(Arrays.copyOfRange(head, 4096 + 56320, 4096 + 61440), Arrays.copyOfRange(text, 0, 5120));
        assertArrayEquals(Arrays.copyOfRange(head, 4096 + 512, 4096 + 512 + 409), Arrays.copyOfRange(text, 5120, 5529));
        assertTrue(new String(text, 0, 5528, java.nio.charset.StandardCharsets.UTF_8).startsWith("vgw {\n"));
    }

    /** lvm2's placement: replaying vgt's four texts into a fresh mda puts them where lvm2 did. */
    @Test
    void placesTextsWhereLvm2Did() throws Exception {
        byte[] pv0 = LvmVectors.bytes("vgt-pv0.head.bin");
        long[][] history = {{512, 974}, {1536, 1262}, {3072, 1580}, {5120, 3968}};
        MemoryBlockDevice dev = new MemoryBlockDevice(4 * LvmVectors.MIB);
        MetadataArea mda = MetadataArea.format(dev, MDA1, "fresh");
        for (long[] h : history) {
            byte[] text = Arrays.copyOfRange(pv0, (int) (4096 + h[0]), (int) (4096 + h[0] + h[1]));
            RawLocn r = mda.write(text);
            assertEquals(h[0], r.offset());
            mda.precommit(r);
            mda.commit(r);
        }
        // the whole buffer region (texts and zero padding) and the header equal lvm2's bytes
        assertArrayEquals(Arrays.copyOfRange(pv0, 4096, 16384), dev.read(4096, 16384 - 4096));
    }

    /** After vgw's wrapped seqno 18 (409 bytes at 512), the next text starts at 1024. */
    @Test
    void nextTextAfterAWrapStartsAfterTheWrappedPart() throws Exception {
        MemoryBlockDevice dev = LvmVectors.device("vgw-wrapped.head.bin", 64 * LvmVectors.MIB);
        MetadataArea mda = MetadataArea.open(dev, new DiskLocn(4096, 61440), "vgw");
        byte[] old = mda.readCommitted().orElseThrow();
        RawLocn r = mda.write(text(3000, 7));
        assertEquals(1024, r.offset());
        assertArrayEquals(old, mda.readCommitted().orElseThrow(), "the committed text is intact before the commit");
    }

    @Test
    void precommitThenCommit() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(2 * LvmVectors.MIB);
        MetadataArea mda = MetadataArea.format(dev, MDA1, "dev");
        RawLocn first = mda.write(text(100, 1));
        assertEquals(RawLocn.EMPTY, mda.header().committed());
        mda.precommit(first);
        MdaHeader onDisk = MdaHeaderCodec.decode(dev.read(4096, 512), 4096, 1044480, "dev");
        assertEquals(RawLocn.EMPTY, onDisk.committed());
        assertEquals(first, onDisk.precommitted());
        mda.commit(first);
        onDisk = MdaHeaderCodec.decode(dev.read(4096, 512), 4096, 1044480, "dev");
        assertEquals(first, onDisk.committed());
        assertEquals(RawLocn.EMPTY, onDisk.precommitted());
        assertArrayEquals(text(100, 1), mda.readCommitted().orElseThrow());
        assertTrue(dev.flushes() > 0);
        mda.setIgnored(true);
        RawLocn second = mda.write(text(200, 2));
        assertEquals(512, second.offset(), "an ignored slot does not count as committed text (as in lvm2)");
        mda.commit(second);
        assertTrue(mda.header().committed().isIgnored(), "commit keeps the ignored flag");
    }

    /**
     * Seeded wrap-around: many commits of random sizes into a small mda; every placement follows lvm2's rule, the
     * committed text always reads back, and it never overlaps the previous one.
     */
    @Test
    void wrapsAroundLikeLvm2() throws Exception {
        long seed = System.nanoTime();
        System.out.println("MetadataAreaTest.wrapsAroundLikeLvm2 seed=" + seed);
        Random random = new Random(seed);
        long mdaSize = 61440;
        MemoryBlockDevice dev = new MemoryBlockDevice(LvmVectors.MIB);
        MetadataArea mda = MetadataArea.format(dev, new DiskLocn(4096, mdaSize), "dev");
        long max = TextPlacement.maxTextSize(mdaSize);
        int wraps = 0;
        RawLocn previous = null;
        for (int i = 0; i < 400; i++) {
            int size = 1 + random.nextInt((int) max);
            byte[] t = text(size, random.nextInt());
            RawLocn r = mda.write(t);
            long expected = TextPlacement.nextOffset(previous, mdaSize);
            if (previous != null) {
                long end = TextPlacement.lastByte(previous, mdaSize) + 1;
                long aligned = (end + 511) / 512 * 512;
                assertEquals(aligned > mdaSize - 512 ? 512 : aligned, expected, "seed " + seed);
                assertFalse(TextPlacement.overlaps(previous, r, mdaSize), "seed " + seed);
            }
            assertEquals(expected, r.offset(), "seed " + seed);
            if (r.wraps(mdaSize)) {
                wraps++;
            }
            mda.precommit(r);
            mda.commit(r);
            assertArrayEquals(t, MetadataArea.open(dev, new DiskLocn(4096, mdaSize), "dev").readCommitted()
                    .orElseThrow(), "seed " + seed);
            previous = r;
        }
        assertTrue(wraps > 10, "wraps " + wraps + " seed " + seed);
    }

    @Test
    void tooLargeTextIsRefused() throws Exception {
        MetadataArea mda = MetadataArea.format(new MemoryBlockDevice(LvmVectors.MIB), new DiskLocn(4096, 61440), "dev");
        long max = TextPlacement.maxTextSize(61440);
        assertEquals(29952, max);
        MetadataAreaFullException e = assertThrows(MetadataAreaFullException.class,
                () -> mda.write(text((int) max + 1, 3)));
        assertEquals("dev: metadata (29953 bytes) exceeds maximum metadata size (29952 bytes) of the metadata area "
                + "at 4096", e.getMessage());
    }

    @Test
    void damagedTextGivesAClearError() throws Exception {
        MemoryBlockDevice dev = LvmVectors.device("vg64-linear.head.bin", 64 * LvmVectors.MIB);
        dev.write(4096 + 1536 + 10, ByteBuffer.wrap(new byte[] {'#'}));
        MetadataArea mda = MetadataArea.open(dev, MDA1, "vg64");
        LvmFormatException e = assertThrows(LvmFormatException.class, mda::readCommitted);
        assertTrue(e.getMessage().startsWith("vg64: checksum error in metadata text at 5632: 0x1d592345 != computed 0x"),
                e.getMessage());
        MemoryBlockDevice beyond = LvmVectors.device("vg64-linear.head.bin", 64 * LvmVectors.MIB);
        MetadataArea small = MetadataArea.format(beyond, MDA1, "x");
        small.commit(new RawLocn(2_000_000, 10, 0, 0));
        e = assertThrows(LvmFormatException.class, small::readCommitted);
        assertEquals("x: metadata location offset 2000000 size 10 does not fit in the metadata area at 4096 of 1044480 bytes",
                e.getMessage());
    }

    /** Text of {@code size} bytes (ending in NUL) with content from {@code seed}. */
    static byte[] text(int size, int seed) {
        byte[] t = new byte[size];
        Random r = new Random(seed);
        for (int i = 0; i < size - 1; i++) {
            t[i] = (byte) ('a' + r.nextInt(26));
        }
        return t;
    }
}
