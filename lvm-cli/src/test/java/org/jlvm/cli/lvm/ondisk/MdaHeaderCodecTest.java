package org.jlvm.cli.lvm.ondisk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jlvm.cli.lvm.LvmVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mda headers of the recorded PVs: fields, byte-for-byte re-encoding, damage. */
class MdaHeaderCodecTest {
    private static byte[] header(String vector, int at) {
        return Arrays.copyOfRange(LvmVectors.bytes(vector), at, at + 512);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pv-64m-orphan.head.bin", "vg64-linear.head.bin", "vgt-pv0.head.bin", "vgt-pv1.head.bin",
        "vgt-pv1-mdaignored.head.bin", "vg2m-2mda.head.bin", "vgw-wrapped.head.bin", "scratch-64m.head.bin"})
    void reencodesByteForByte(String vector) throws Exception {
        byte[] h = header(vector, 4096);
        MdaHeader decoded = MdaHeaderCodec.decode(h, 4096, 0, vector);
        assertArrayEquals(h, MdaHeaderCodec.encode(decoded), vector);
        assertEquals(RawLocn.EMPTY, decoded.precommitted());
    }

    @Test
    void recordedSlots() throws Exception {
        assertEquals(MdaHeader.empty(4096, 1044480),
                MdaHeaderCodec.decode(header("pv-64m-orphan.head.bin", 4096), 4096, 1044480, "orphan"));
        assertEquals(new RawLocn(1536, 1102, 0x1d592345, 0),
                MdaHeaderCodec.decode(header("vg64-linear.head.bin", 4096), 4096, 1044480, "vg64").committed());
        RawLocn ignored = MdaHeaderCodec.decode(header("vgt-pv1-mdaignored.head.bin", 4096), 4096, 0, "x").committed();
        assertEquals(new RawLocn(9216, 3963, 0xbbdfc238, RawLocn.IGNORED), ignored);
        assertTrue(ignored.isIgnored());
        RawLocn wrapped = MdaHeaderCodec.decode(header("vgw-wrapped.head.bin", 4096), 4096, 61440, "vgw").committed();
        assertEquals(new RawLocn(56320, 5529, 0xbdc822ba, 0), wrapped);
        assertTrue(wrapped.wraps(61440));
        byte[] mda2bytes = Arrays.copyOf(LvmVectors.bytes("vg2m-2mda.tail-mda2.bin"), 512);
        MdaHeader mda2 = MdaHeaderCodec.decode(mda2bytes, 66060288, 1048576, "m2");
        assertArrayEquals(mda2bytes, MdaHeaderCodec.encode(mda2));
        assertEquals(new RawLocn(1536, 1100, 0xe6c9671f, 0), mda2.committed());
    }

    @Test
    void damagedHeadersGiveClearErrors() {
        byte[] h = header("vg64-linear.head.bin", 4096);
        h[50] ^= 4;
        LvmFormatException e = assertThrows(LvmFormatException.class, () -> MdaHeaderCodec.decode(h, 4096, 0, "dev"));
        assertTrue(e.getMessage().startsWith("dev: mda header at 4096: checksum 0xc13f082a != expected 0x"),
                e.getMessage());
        byte[] good = header("vg64-linear.head.bin", 4096);
        e = assertThrows(LvmFormatException.class, () -> MdaHeaderCodec.decode(good, 8192, 0, "dev"));
        assertEquals("dev: mda header at 8192: start 4096 != expected 8192", e.getMessage());
        e = assertThrows(LvmFormatException.class, () -> MdaHeaderCodec.decode(good, 4096, 2048000, "dev"));
        assertEquals("dev: mda header at 4096: size 1044480 != expected 2048000", e.getMessage());
        MdaHeader decoded = new MdaHeader(4096, 1044480, RawLocn.EMPTY, RawLocn.EMPTY);
        byte[] badMagic = MdaHeaderCodec.encode(decoded);
        badMagic[5] = 'X';
        java.nio.ByteBuffer.wrap(badMagic).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, LvmCrc.of(badMagic, 4, 508));
        e = assertThrows(LvmFormatException.class, () -> MdaHeaderCodec.decode(badMagic, 4096, 0, "dev"));
        assertEquals("dev: mda header at 4096: bad magic (expected ' LVM2 x[5A%r0N*>')", e.getMessage());
    }
}
