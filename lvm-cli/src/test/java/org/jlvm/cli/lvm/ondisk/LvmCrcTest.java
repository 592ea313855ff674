package org.jlvm.cli.lvm.ondisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jlvm.cli.lvm.LvmVectors;
import org.junit.jupiter.api.Test;

/** lvm2's CRC against the values recorded in the spec and stored in the vectors. */
class LvmCrcTest {
    @Test
    void knownValues() {
        assertEquals(0xf597a6cf, LvmCrc.of(new byte[0]));
        assertEquals(0x4991cf02, LvmCrc.of("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x02c81f10, LvmCrc.of(new byte[492]));
    }

    @Test
    void vectorsStoredChecksums() {
        byte[] vg64 = LvmVectors.bytes("vg64-linear.head.bin");
        byte[] orphan = LvmVectors.bytes("pv-64m-orphan.head.bin");
        assertEquals(0x134f2f00, LvmCrc.of(vg64, 532, 1024 - 532));
        assertEquals(u32(vg64, 528), LvmCrc.of(vg64, 532, 1024 - 532));
        assertEquals(0x1206daee, LvmCrc.of(orphan, 532, 1024 - 532));
        assertEquals(0xc13f082a, LvmCrc.of(vg64, 4100, 4608 - 4100));
        assertEquals(0xdb8ed616, LvmCrc.of(orphan, 4100, 4608 - 4100));
        assertEquals(0x1d592345, LvmCrc.of(LvmVectors.bytes("vg64-seqno2.mdatext.bin")));
        assertEquals(0xf05326d4, LvmCrc.of(LvmVectors.bytes("vgt-seqno4.mdatext.bin")));
    }

    @Test
    void updateContinuesAcrossPieces() {
        byte[] text = LvmVectors.bytes("vgt-seqno4.mdatext.bin");
        int crc = LvmCrc.update(LvmCrc.INITIAL, text, 0, 1000);
        crc = LvmCrc.update(crc, text, 1000, text.length - 1000);
        assertEquals(0xf05326d4, crc);
    }

    private static int u32(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }
}
