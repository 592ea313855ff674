package org.jlvm.cli.lvm.ondisk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.jlvm.cli.lvm.LvmVectors;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The label sector of every recorded PV: fields, byte-for-byte re-encoding, damage. */
class PvLabelCodecTest {
    private static byte[] sector1(String vector) {
        return Arrays.copyOfRange(LvmVectors.bytes(vector), 512, 1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pv-64m-orphan.head.bin", "vg64-linear.head.bin", "vgt-pv0.head.bin", "vgt-pv1.head.bin",
        "vgt-pv1-mdaignored.head.bin", "vg2m-2mda.head.bin", "vgw-wrapped.head.bin", "scratch-64m.head.bin"})
    void reencodesByteForByte(String vector) throws Exception {
        byte[] sector = sector1(vector);
        PvLabel label = PvLabelCodec.decode(sector, 1, vector);
        assertArrayEquals(sector, PvLabelCodec.encode(label), vector);
        assertEquals(2, label.extVersion());
        assertTrue(label.bootloaderAreas().isEmpty());
    }

    @Test
    void orphanAndUsedPv() throws Exception {
        PvLabel orphan = PvLabelCodec.decode(sector1("pv-64m-orphan.head.bin"), 1, "orphan");
        assertEquals("euSXBk-CNWx-uN2t-Y7nV-1mzR-u1v4-ejCdTM", orphan.pvUuid().formatted());
        assertEquals(67108864L, orphan.deviceSize());
        assertEquals(List.of(new DiskLocn(1048576, 0)), orphan.dataAreas());
        assertEquals(List.of(new DiskLocn(4096, 1044480)), orphan.metadataAreas());
        assertFalse(orphan.isUsed());
        PvLabel used = PvLabelCodec.decode(sector1("vg64-linear.head.bin"), 1, "vg64");
        assertTrue(used.isUsed());
        assertEquals(orphan.withUsed(true), used);
        assertArrayEquals(sector1("vg64-linear.head.bin"), PvLabelCodec.encode(orphan.withUsed(true)));
    }

    @Test
    void twoMetadataAreasAndSmallMda() throws Exception {
        PvLabel two = PvLabelCodec.decode(sector1("vg2m-2mda.head.bin"), 1, "vg2m");
        assertEquals(List.of(new DiskLocn(4096, 1044480), new DiskLocn(66060288, 1048576)), two.metadataAreas());
        PvLabel vgw = PvLabelCodec.decode(sector1("vgw-wrapped.head.bin"), 1, "vgw");
        assertEquals(List.of(new DiskLocn(65536, 0)), vgw.dataAreas());
        assertEquals(List.of(new DiskLocn(4096, 61440)), vgw.metadataAreas());
        assertEquals("dhK5MUeuDSwHVTMt4Udqc0Q8yz9Rq9P6", vgw.pvUuid().chars());
    }

    @Test
    void bootloaderAreaRoundTrips() throws Exception {
        PvLabel l = PvLabelCodec.newLabel(new LvmUuid("Jv4Pv0aaaabbbbccccddddeeeeffff01"), 64 * LvmVectors.MIB,
                List.of(new DiskLocn(2 * LvmVectors.MIB, 0)), List.of(new DiskLocn(4096, 1044480)), true,
                List.of(new DiskLocn(LvmVectors.MIB, LvmVectors.MIB)));
        byte[] s = PvLabelCodec.encode(l);
        assertEquals(l, PvLabelCodec.decode(s, 1, "x"));
    }

    @Test
    void damagedLabelsGiveClearErrors() {
        byte[] s = sector1("vg64-linear.head.bin");
        s[100] ^= 1;
        LvmFormatException e = assertThrows(LvmFormatException.class, () -> PvLabelCodec.decode(s, 1, "dev"));
        assertEquals("dev: label_header.crc 0x134f2f00 != expected 0x" + Integer.toHexString(
                LvmCrc.of(s, 20, 492)), e.getMessage());
        byte[] wrongSector = sector1("vg64-linear.head.bin");
        e = assertThrows(LvmFormatException.class, () -> PvLabelCodec.decode(wrongSector, 2, "dev"));
        assertEquals("dev: label_header.sector 1 != expected 2", e.getMessage());
        byte[] wrongType = sector1("vg64-linear.head.bin");
        wrongType[24 + 4] = 'X';
        fixCrc(wrongType);
        e = assertThrows(LvmFormatException.class, () -> PvLabelCodec.decode(wrongType, 1, "dev"));
        assertEquals("dev: label_header.type 'LVM2X001' != expected 'LVM2 001'", e.getMessage());
    }

    @Test
    void findsTheLabelInTheFirstFourSectorsOnly() throws Exception {
        byte[] sector = sector1("vg64-linear.head.bin");
        for (int s = 0; s < 5; s++) {
            byte[] moved = sector.clone();
            ByteBuffer.wrap(moved).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(8, s);
            fixCrc(moved);
            MemoryBlockDevice dev = new MemoryBlockDevice(LvmVectors.MIB);
            dev.write((long) s * 512, ByteBuffer.wrap(moved));
            if (s < 4) {
                assertEquals(s, PvLabelCodec.read(dev, "dev").sector());
            } else {
                LvmFormatException e = assertThrows(LvmFormatException.class, () -> PvLabelCodec.read(dev, "dev"));
                assertEquals("dev: no LVM2 label (LABELONE) in sectors 0-3", e.getMessage());
            }
        }
    }

    private static void fixCrc(byte[] s) {
        ByteBuffer.wrap(s).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(16, LvmCrc.of(s, 20, 492));
    }
}
