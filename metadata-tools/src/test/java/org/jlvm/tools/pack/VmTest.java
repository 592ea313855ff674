package org.jlvm.tools.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The 1.x block encoding: our encoder's output runs back to the same bytes; the decoder's semantics and refusals. */
class VmTest {
    private static final int BS = PackFormat.BLOCK_SIZE;

    /** Deflates {@code raw} as one chunk and decodes one block from it. */
    static byte[] decode(byte[] raw, int len) throws CorruptPack {
        ChunkInput in = new ChunkInput();
        try {
            byte[] z = zip(raw, len);
            in.reset(z, z.length);
            byte[] out = new byte[BS];
            new VmDecoder(in).block(out, 0);
            assertTrue(in.atEnd(), "the encoding has bytes after the block");
            return out;
        } finally {
            in.close();
        }
    }

    static byte[] zip(byte[] raw, int len) {
        Deflater d = new Deflater();
        d.setInput(raw, 0, len);
        d.finish();
        byte[] z = new byte[len + 1024];
        int n = d.deflate(z);
        d.end();
        return Arrays.copyOf(z, n);
    }

    private static byte[] le(long[] ns) {
        ByteBuffer b = ByteBuffer.allocate(ns.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long n : ns) {
            b.putLong(n);
        }
        return b.array();
    }

    /** A block made of {@code prefix} u64s (delta-coded) and literal bytes for the rest. */
    private static void roundTripU64s(long[] ns, boolean shifted) throws CorruptPack {
        ByteSink s = new ByteSink(64);
        VmEncoder e = new VmEncoder(s);
        byte[] want = new byte[BS];
        byte[] head = le(ns);
        System.arraycopy(head, 0, want, 0, head.length);
        for (int i = head.length; i < BS; i++) {
            want[i] = (byte) (i * 7);
        }
        if (shifted) {
            e.shifted(ns, ns.length);
        } else {
            e.u64s(ns, ns.length);
        }
        if (head.length < BS) {
            e.literal(want, head.length, BS - head.length);
        }
        assertArrayEquals(want, decode(s.array(), s.length()), Arrays.toString(ns));
    }

    @Test
    void u64RunsOfTheUpstreamCasesRoundTrip() throws CorruptPack {
        long max = -1L;
        long[][] cases = {{0}, {1, 5, 9, 10}, {1, 0, max}, {max, 0, 0}, {max, 0, 1}, {1, 2, 3, 10, 20, 30, 40, 38, 36,
            34, 0, 0, 0, 0}, {42, 42, 42, 42}, {7, 14, 21, 28}, {28, 21, 14, 7}, {1L << 40, 1L << 41, 3, 1L << 62}};
        for (long[] c : cases) {
            roundTripU64s(c, false);
            roundTripU64s(c, true);
        }
    }

    @Test
    void randomRunsRoundTrip() throws CorruptPack {
        long seed = System.nanoTime();
        System.out.println("VmTest.randomRunsRoundTrip seed=" + seed);
        Random r = new Random(seed);
        for (int t = 0; t < 2000; t++) {
            long[] ns = new long[1 + r.nextInt(511)];
            long v = r.nextLong();
            for (int i = 0; i < ns.length; i++) {
                switch (r.nextInt(5)) {
                    case 0 -> v = r.nextLong();
                    case 1 -> v += r.nextInt(20);
                    case 2 -> v -= r.nextInt(300);
                    case 3 -> v += r.nextInt(1 << 20) - (1 << 19);
                    default -> { }
                }
                ns[i] = v;
            }
            roundTripU64s(ns, false);
            if (ns.length < 256) {
                roundTripU64s(ns, true);
            }
        }
    }

    @Test
    void longRunsAreSplitBelowTheCountLimit() throws CorruptPack {
        long[] up = new long[512];
        long[] same = new long[512];
        for (int i = 0; i < up.length; i++) {
            up[i] = 1000 + 3L * i;
            same[i] = 99;
        }
        roundTripU64s(up, false);
        roundTripU64s(same, false);
        ByteSink s = new ByteSink(16);
        new VmEncoder(s).u64s(up, up.length);
        assertTrue(s.length() < 8, "a run of 512 equal steps takes " + s.length() + " bytes");
    }

    /** Hand-assembled programs, with the values 1.x's VM emits for them. */
    @Test
    void decoderFollowsTheUpstreamSemantics() throws CorruptPack {
        ByteSink s = new ByteSink(64);
        s.u8(Vm.SET << 4 | 2);
        s.le(1000, 2); // 1000
        s.u8(Vm.COUNT << 4 | 3);
        s.u8(Vm.POS << 4 | 5); // 1005 1010 1015
        s.u8(Vm.COUNT_8 << 4);
        s.u8(2);
        s.u8(Vm.NEG_W << 4 | 1);
        s.u8(200); // 815 615
        s.u8(Vm.CONST << 4 | 2); // 615 615
        s.u8(Vm.COUNT << 4 | 2);
        s.u8(Vm.SET << 4 | 1);
        s.u8(9); // 9 9
        s.u8(Vm.SHIFTED_RUN << 4);
        s.u8(2); // high run: 1, 2; low run: 7, 7 (the base carries on)
        s.u8(Vm.SET << 4 | 1);
        s.u8(1);
        s.u8(Vm.POS << 4 | 1);
        s.u8(Vm.SET << 4 | 1);
        s.u8(7);
        s.u8(Vm.CONST << 4 | 1);
        s.u8(Vm.POS << 4 | 3); // base 7 + 3 = 10
        long[] want = {1000, 1005, 1010, 1015, 815, 615, 615, 615, 9, 9, 1L << 24 | 7, 2L << 24 | 7, 10};
        int used = want.length * 8;
        s.u8(Vm.LIT_W << 4 | 2);
        s.le(BS - used, 2);
        byte[] rest = new byte[BS - used];
        Arrays.fill(rest, (byte) 0x5A);
        s.bytes(rest, 0, rest.length);
        byte[] got = decode(s.array(), s.length());
        assertArrayEquals(le(want), Arrays.copyOf(got, used));
        assertArrayEquals(rest, Arrays.copyOfRange(got, used, BS));
    }

    private static void refused(String why, int... program) {
        ByteSink s = new ByteSink(16);
        for (int b : program) {
            s.u8(b);
        }
        CorruptPack e = assertThrows(CorruptPack.class, () -> decode(s.array(), s.length()), why);
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void decoderRefusesWhat1xRejects() {
        refused("bad tag", 0xC0);
        refused("bad width", Vm.SET << 4 | 3, 0, 0, 0);
        refused("count before a literal", Vm.COUNT << 4 | 2, Vm.LIT << 4 | 1, 0);
        refused("count before a constant", Vm.COUNT << 4 | 2, Vm.CONST << 4 | 1);
        refused("stream ends inside the block", Vm.SET << 4 | 1, 1);
        // 4080 literal bytes, then three u64s in one instruction: 4104 bytes
        int[] over = new int[3 + 4080 + 3];
        over[0] = Vm.LIT_W << 4 | 2;
        over[1] = 4080 & 0xFF;
        over[2] = 4080 >> 8;
        over[3 + 4080] = Vm.COUNT << 4 | 3;
        over[3 + 4081] = Vm.SET << 4 | 1;
        over[3 + 4082] = 1;
        refused("overrun", over);
    }

    @Test
    void garbageCompressedDataIsCorrupt() {
        ChunkInput in = new ChunkInput();
        byte[] junk = "this is not zlib data at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        in.reset(junk, junk.length);
        assertThrows(CorruptPack.class, () -> new VmDecoder(in).block(new byte[BS], 0));
        in.close();
    }

    @Test
    void blockKindComesFromTheChecksumSalt() {
        byte[] b = new byte[BS];
        new Random(3).nextBytes(b);
        assertEquals(BlockKind.UNKNOWN, BlockKind.of(b, 0, new java.util.zip.CRC32C()));
        org.jlvm.pool.block.Checksums.stamp(b, org.jlvm.pool.block.Checksums.BTREE_NODE_SALT);
        assertEquals(BlockKind.NODE, BlockKind.of(b, 0, new java.util.zip.CRC32C()));
        org.jlvm.pool.block.Checksums.stamp(b, org.jlvm.pool.block.Checksums.BITMAP_SALT);
        assertEquals(BlockKind.BITMAP, BlockKind.of(b, 0, new java.util.zip.CRC32C()));
    }
}
