package org.jlvm.cli.lvm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.jlvm.cli.lvm.LvmVectors;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.DiskLocn;
import org.jlvm.cli.lvm.ondisk.MetadataArea;
import org.jlvm.cli.lvm.ondisk.RawLocn;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every recorded metadata text: parse to the model and print it again, byte for byte, in the layout it was
 * written in (metadata area or vgcfgbackup file).
 */
class VgTextRoundTripTest {
    private static final VgTextPrinter DISK = new VgTextPrinter(TextLayout.METADATA_AREA, ZoneOffset.UTC);
    private static final VgTextPrinter BACKUP = new VgTextPrinter(TextLayout.BACKUP_FILE, ZoneOffset.UTC);

    private static String withoutNul(byte[] text) {
        assertEquals(0, text[text.length - 1]);
        return new String(text, 0, text.length - 1, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vg64-seqno2.mdatext.bin", "vgt-seqno4.mdatext.bin"})
    void mdaTextFilesRoundTrip(String vector) throws Exception {
        String text = withoutNul(LvmVectors.bytes(vector));
        assertEquals(text, DISK.print(VgTextReader.read(text)));
    }

    /** Texts still in the circular buffers: old seqnos, the ignored mda's, the wrapped one, mda 2. */
    @ParameterizedTest
    @CsvSource({
        "vg64-linear.head.bin, 512, 803, c813f322, 1044480",
        "vgt-pv0.head.bin, 512, 974, 08aaf7b1, 1044480",
        "vgt-pv0.head.bin, 1536, 1262, 7dbcf683, 1044480",
        "vgt-pv0.head.bin, 3072, 1580, 5707129f, 1044480",
        "vgt-pv1-mdaignored.head.bin, 9216, 3963, bbdfc238, 1044480",
        "vgw-wrapped.head.bin, 56320, 5529, bdc822ba, 61440",
        "vg2m-2mda.head.bin, 1536, 1100, e6c9671f, 1044480"})
    void buffersTextsRoundTrip(String vector, long offset, long size, String crc, long mdaSize) throws Exception {
        MemoryBlockDevice dev = LvmVectors.device(vector, 64 * LvmVectors.MIB);
        MetadataArea mda = MetadataArea.open(dev, new DiskLocn(4096, mdaSize), vector);
        String text = withoutNul(mda.readText(new RawLocn(offset, size, Integer.parseUnsignedInt(crc, 16), 0)));
        assertEquals(text, DISK.print(VgTextReader.read(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vg64.vgcfgbackup.txt", "vgt.vgcfgbackup.txt"})
    void backupFilesRoundTrip(String vector) throws Exception {
        String text = LvmVectors.text(vector);
        assertEquals(text, BACKUP.print(VgTextReader.read(text)));
    }

    @Test
    void backupAndMdaTextDescribeTheSameVg() throws Exception {
        VgText disk = VgTextReader.read(withoutNul(LvmVectors.bytes("vg64-seqno2.mdatext.bin")));
        VgText backup = VgTextReader.read(LvmVectors.text("vg64.vgcfgbackup.txt"));
        assertEquals(disk.vg(), backup.vg());
        VgText vgt = VgTextReader.read(withoutNul(LvmVectors.bytes("vgt-seqno4.mdatext.bin")));
        assertEquals(vgt.vg(), VgTextReader.read(LvmVectors.text("vgt.vgcfgbackup.txt")).vg());
        // the hand-written restore input has the same objects; vgcfgrestore bumped the seqno
        VolumeGroup input = VgTextReader.read(LvmVectors.text("vgt.restore-input.txt")).vg();
        assertEquals(vgt.vg().lvs().stream().map(LogicalVolume::name).sorted().toList(),
                input.lvs().stream().map(LogicalVolume::name).sorted().toList());
        assertEquals(vgt.vg().seqno(), input.seqno() + 1);
    }

    @Test
    void vg64Model() throws Exception {
        VgText t = VgTextReader.read(withoutNul(LvmVectors.bytes("vg64-seqno2.mdatext.bin")));
        VolumeGroup vg = t.vg();
        assertEquals("vg64", vg.name());
        assertEquals("VS2Y6T-Q3ku-Jnjb-mQX8-W6Nr-FSuo-0XePMo", vg.id().formatted());
        assertEquals(2, vg.seqno());
        assertEquals(List.of("RESIZEABLE", "READ", "WRITE"), vg.status());
        assertEquals(8192, vg.extentSize());
        assertEquals(1, vg.pvs().size());
        assertEquals(131072, vg.pvs().get(0).devSize());
        assertEquals(2048, vg.pvs().get(0).peStart());
        assertEquals(15, vg.pvs().get(0).peCount());
        assertEquals("/dev/loop0", vg.pvs().get(0).device());
        LogicalVolume lv0 = vg.lv("lv0").orElseThrow();
        assertEquals(1795558097L, lv0.creationTime());
        assertEquals("vm", lv0.creationHost());
        assertEquals(StripedSegment.linear(0, 2, "pv0", 0), lv0.segments().get(0));
        assertEquals(1795558097L, t.header().creationTime());
        assertEquals("vm", t.header().creationHost());
        assertEquals("Linux vm 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0 x86_64", t.header().hostComment());
        assertEquals(TextHeader.LVM2_GENERATOR, t.header().generator());
        assertTrue(t.header().description().startsWith("Write from lvcreate --config 'global{activation=0} "
                + "devices{use_devicesfile=0 filter=[\"a|"), t.header().description());
    }

    @Test
    void vgtThinModel() throws Exception {
        VolumeGroup vg = VgTextReader.read(withoutNul(LvmVectors.bytes("vgt-seqno4.mdatext.bin"))).vg();
        assertEquals(List.of("lin", "str", "pool0", "thin1", "snap1", "lve", "ext1", "lvol0_pmspare", "pool0_tmeta",
                "pool0_tdata"), vg.lvs().stream().map(LogicalVolume::name).toList());
        StripedSegment str = (StripedSegment) vg.lv("str").orElseThrow().segments().get(0);
        assertEquals(128, str.stripeSize());
        assertEquals(List.of(new StripedSegment.Stripe("pv0", 2), new StripedSegment.Stripe("pv1", 0)), str.stripes());
        assertEquals(new ThinPoolSegment(0, 16, "pool0_tmeta", "pool0_tdata", 3, 128, "passdown", true, null,
                List.of()), vg.lv("pool0").orElseThrow().segments().get(0));
        assertEquals(new ThinSegment(0, 256, "pool0", 0, 1, null, null, null), vg.lv("thin1").orElseThrow().segments().get(0));
        LogicalVolume snap1 = vg.lv("snap1").orElseThrow();
        assertEquals(new ThinSegment(0, 256, "pool0", 1, 2, "thin1", null, null), snap1.segments().get(0));
        assertEquals(List.of("ACTIVATION_SKIP"), snap1.flags());
        assertEquals(new ThinSegment(0, 2, "pool0", 2, 3, null, "lve", null), vg.lv("ext1").orElseThrow().segments().get(0));
        assertEquals(List.of("READ", "VISIBLE"), vg.lv("lve").orElseThrow().status());
        assertFalse(vg.lv("pool0_tdata").orElseThrow().isVisible());
        assertNull(vg.lv("lin").orElseThrow().readAhead());
    }

    /** The hand-written (not lvm2-printed) scratch text reads as what it says. */
    @Test
    void scratchTextReads() throws Exception {
        MemoryBlockDevice dev = LvmVectors.device("scratch-64m.head.bin", 64 * LvmVectors.MIB);
        MetadataArea mda = MetadataArea.open(dev, new DiskLocn(4096, 1044480), "scratch");
        VgText t = VgTextReader.read(withoutNul(mda.readCommitted().orElseThrow()));
        assertEquals("vgs", t.vg().name());
        assertEquals(1, t.vg().seqno());
        assertEquals(StripedSegment.linear(0, 3, "pv0", 0), t.vg().lv("data").orElseThrow().segments().get(0));
        assertEquals("hand", t.header().generator());
        assertEquals(1700000000L, t.header().creationTime());
    }

    @Test
    void invalidMetadataGivesClearErrors() {
        String good = withoutNul(LvmVectors.bytes("vg64-seqno2.mdatext.bin"));
        MetadataException e = assertThrows(MetadataException.class,
                () -> VgTextReader.read(good.replace("extent_size = 8192\n", "")));
        assertEquals("vg64: missing extent_size", e.getMessage());
        e = assertThrows(MetadataException.class, () -> VgTextReader.read(good.replace("\"pv0\", 0", "\"pv7\", 0")));
        assertEquals("vg64/lv0: segment refers to unknown PV pv7", e.getMessage());
        e = assertThrows(MetadataException.class, () -> VgTextReader.read(good.replace("seqno = 2", "seqno = \"2\"")));
        assertEquals("vg64: seqno is not an integer", e.getMessage());
        e = assertThrows(MetadataException.class, () -> VgTextReader.read(good.replace("\"striped\"", "\"raid9\"")));
        assertEquals("vg64/lv0/segment1: segment type 'raid9' is not supported", e.getMessage());
        ConfigSyntaxException s = assertThrows(ConfigSyntaxException.class,
                () -> VgTextReader.read(good.replace("max_lv = 0", "max_lv = ")));
        assertEquals("metadata text line 9 column 1: expected a number, string or array, found 'max_pv'",
                s.getMessage());
    }
}
