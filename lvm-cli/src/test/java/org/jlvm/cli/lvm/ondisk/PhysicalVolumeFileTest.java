package org.jlvm.cli.lvm.ondisk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.lvm.LvmVectors;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.cli.lvm.text.VgTextReader;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole PVs: the recorded ones read as lvm2 showed them; pvcreate + two commits reproduce lvm2's bytes. */
class PhysicalVolumeFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsRecordedPvs() throws Exception {
        PhysicalVolumeFile vg64 = PhysicalVolumeFile.of(LvmVectors.device("vg64-linear.head.bin", 64 * LvmVectors.MIB), "vg64");
        VgText t = vg64.readVg().orElseThrow();
        assertEquals("vg64", t.vg().name());
        assertEquals(2, t.vg().seqno());
        assertTrue(vg64.label().isUsed());

        PhysicalVolumeFile orphan = PhysicalVolumeFile.of(LvmVectors.device("pv-64m-orphan.head.bin", 64 * LvmVectors.MIB), "o");
        assertTrue(orphan.readVg().isEmpty());
        assertFalse(orphan.label().isUsed());

        PhysicalVolumeFile vg2m = PhysicalVolumeFile.of(LvmVectors.vg2m(), "vg2m");
        assertEquals(2, vg2m.metadataAreas().size());
        assertEquals(2, vg2m.readVg().orElseThrow().vg().seqno());
        assertArrayEquals(vg2m.metadataAreas().get(0).readCommitted().orElseThrow(),
                vg2m.metadataAreas().get(1).readCommitted().orElseThrow());

        PhysicalVolumeFile vgw = PhysicalVolumeFile.of(LvmVectors.device("vgw-wrapped.head.bin", 64 * LvmVectors.MIB), "vgw");
        VgText w = vgw.readVg().orElseThrow();
        assertEquals(18, w.vg().seqno());
        assertEquals(17, w.vg().lvs().size());
        assertEquals(2048, w.vg().extentSize());

        for (String pv : List.of("vgt-pv0.head.bin", "vgt-pv1.head.bin")) {
            VgText vgt = PhysicalVolumeFile.of(LvmVectors.device(pv, 256 * LvmVectors.MIB), pv).readVg().orElseThrow();
            assertEquals(4, vgt.vg().seqno());
            assertEquals(10, vgt.vg().lvs().size());
        }
        PhysicalVolumeFile ignored = PhysicalVolumeFile.of(
                LvmVectors.device("vgt-pv1-mdaignored.head.bin", 256 * LvmVectors.MIB), "ign");
        assertTrue(ignored.metadataAreas().get(0).isIgnored());
        assertTrue(ignored.readVg().isEmpty(), "an ignored mda is no source of VG metadata");
    }

    /** pvcreate gives lvm2's orphan bytes; committing seqno 1 and 2 gives lvm2's vg64 bytes (first 8 KiB). */
    @Test
    void createAndCommitReproduceLvm2() throws Exception {
        byte[] vg64Head = LvmVectors.bytes("vg64-linear.head.bin");
        MemoryBlockDevice dev = new MemoryBlockDevice(64 * LvmVectors.MIB);
        PvGeometry g = PvGeometry.pvcreate(dev.size(), PvGeometry.Options.DEFAULT);
        PhysicalVolumeFile pv = PhysicalVolumeFile.create(dev, new LvmUuid("euSXBkCNWxuN2tY7nV1mzRu1v4ejCdTM"), g, "new");
        assertArrayEquals(LvmVectors.bytes("pv-64m-orphan.head.bin"), dev.read(0, 8192));

        String seqno1 = new String(vg64Head, 4096 + 512, 802, StandardCharsets.UTF_8);
        String seqno2 = new String(LvmVectors.bytes("vg64-seqno2.mdatext.bin"), 0, 1101, StandardCharsets.UTF_8);
        pv.writeVg(VgTextReader.read(seqno1));
        pv.writeVg(VgTextReader.read(seqno2));
        assertArrayEquals(vg64Head, dev.read(0, 8192));
        assertEquals(0, dev.read(8192, (int) LvmVectors.MIB - 8192)[0]);
        assertEquals(2, PhysicalVolumeFile.of(dev, "again").readVg().orElseThrow().vg().seqno());
    }

    @Test
    void commitsOneVgToSeveralPvsAndFiles() throws Exception {
        VgText vgt = VgTextReader.read(new String(LvmVectors.bytes("vgt-seqno4.mdatext.bin"), StandardCharsets.UTF_8));
        Path a = tmp.resolve("a.img");
        Path b = tmp.resolve("b.img");
        for (Path p : List.of(a, b)) {
            try (var f = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                f.write(ByteBuffer.wrap(new byte[1]), 256 * LvmVectors.MIB - 1);
            }
        }
        LvmFormatException notPv = assertThrows(LvmFormatException.class, () -> PhysicalVolumeFile.open(a, true));
        assertEquals(a + ": no LVM2 label (LABELONE) in sectors 0-3", notPv.getMessage());
        try (var da = org.jlvm.pool.io.FileBlockDevice.open(a, false);
                var db = org.jlvm.pool.io.FileBlockDevice.open(b, false)) {
            PvGeometry g = PvGeometry.pvcreate(da.size(), PvGeometry.Options.DEFAULT);
            PhysicalVolumeFile pa = PhysicalVolumeFile.create(da, vgt.vg().pvs().get(0).id(), g, "a");
            PhysicalVolumeFile pb = PhysicalVolumeFile.create(db, vgt.vg().pvs().get(1).id(), g, "b");
            PhysicalVolumeFile.commitVg(List.of(pa, pb), vgt);
            VgText next = new VgText(vgt.header(), vgt.vg().withSeqno(5));
            PhysicalVolumeFile.commitVg(List.of(pa, pb), next);
        }
        for (Path p : List.of(a, b)) {
            try (PhysicalVolumeFile pv = PhysicalVolumeFile.open(p, true)) {
                assertTrue(pv.label().isUsed());
                assertEquals(5, pv.readVg().orElseThrow().vg().seqno());
                assertEquals(vgt.vg().withSeqno(5), pv.readVg().orElseThrow().vg());
            }
        }
        assertEquals(256 * LvmVectors.MIB, Files.size(a));
    }

    /** Two mdas with different seqnos (a write that reached only one): the highest seqno wins. */
    @Test
    void highestSeqnoWins() throws Exception {
        MemoryBlockDevice dev = LvmVectors.vg2m();
        PhysicalVolumeFile pv = PhysicalVolumeFile.of(dev, "vg2m");
        VgText t = pv.readVg().orElseThrow();
        MetadataArea first = pv.metadataAreas().get(0);
        first.commit(first.write(PhysicalVolumeFile.encodeText(new VgText(t.header(), t.vg().withSeqno(3)))));
        assertEquals(3, PhysicalVolumeFile.of(dev, "vg2m").readVg().orElseThrow().vg().seqno());
        MetadataArea second = pv.metadataAreas().get(1);
        second.commit(second.write(PhysicalVolumeFile.encodeText(new VgText(t.header(), t.vg().withSeqno(4)))));
        assertEquals(4, PhysicalVolumeFile.of(dev, "vg2m").readVg().orElseThrow().vg().seqno());
    }

    @Test
    void damageGivesClearErrorsOrFallsBackToTheOtherMda() throws Exception {
        MemoryBlockDevice badLabel = LvmVectors.device("vg64-linear.head.bin", 64 * LvmVectors.MIB);
        badLabel.write(600, ByteBuffer.wrap(new byte[] {1}));
        LvmFormatException e = assertThrows(LvmFormatException.class, () -> PhysicalVolumeFile.of(badLabel, "/dev/x"));
        assertTrue(e.getMessage().startsWith("/dev/x: label_header.crc 0x134f2f00 != expected 0x"), e.getMessage());

        MemoryBlockDevice badMda = LvmVectors.device("vg64-linear.head.bin", 64 * LvmVectors.MIB);
        badMda.write(4096 + 50, ByteBuffer.wrap(new byte[] {1}));
        e = assertThrows(LvmFormatException.class, () -> PhysicalVolumeFile.of(badMda, "/dev/x"));
        assertTrue(e.getMessage().startsWith("/dev/x: mda header at 4096: checksum 0xc13f082a != expected 0x"),
                e.getMessage());

        MemoryBlockDevice badText = LvmVectors.device("vg64-linear.head.bin", 64 * LvmVectors.MIB);
        badText.write(4096 + 1536 + 3, ByteBuffer.wrap(new byte[] {'X'}));
        PhysicalVolumeFile pv = PhysicalVolumeFile.of(badText, "/dev/x");
        e = assertThrows(LvmFormatException.class, pv::readVg);
        assertTrue(e.getMessage().startsWith("/dev/x: checksum error in metadata text at 5632"), e.getMessage());

        MemoryBlockDevice twoMdas = LvmVectors.vg2m();
        twoMdas.write(4096 + 1536 + 3, ByteBuffer.wrap(new byte[] {'X'}));
        PhysicalVolumeFile two = PhysicalVolumeFile.of(twoMdas, "/dev/y");
        assertEquals(2, two.readVg().orElseThrow().vg().seqno());
        assertEquals(1, two.warnings().size());
        assertTrue(two.warnings().get(0).startsWith("/dev/y: checksum error in metadata text at 5632"));

        // valid CRC but text that is not VG metadata
        MemoryBlockDevice garbage = new MemoryBlockDevice(64 * LvmVectors.MIB);
        PhysicalVolumeFile g = PhysicalVolumeFile.create(garbage, new LvmUuid("Jv4Pv0aaaabbbbccccddddeeeeffff01"),
                PvGeometry.pvcreate(garbage.size(), PvGeometry.Options.DEFAULT), "/dev/z");
        MetadataArea mda = g.metadataAreas().get(0);
        mda.commit(mda.write("vg {\nid = \n}\n\0".getBytes(StandardCharsets.US_ASCII)));
        e = assertThrows(LvmFormatException.class, g::readVg);
        assertEquals("/dev/z: invalid metadata text in the metadata area at 4096: metadata text line 3 column 1: "
                + "expected a value, found '}'", e.getMessage());
    }
}
