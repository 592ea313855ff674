package org.jlvm.cli.lvm.ondisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.text.TextHeader;
import org.jlvm.cli.lvm.text.TextLayout;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.cli.lvm.text.VgTextPrinter;
import org.jlvm.cli.lvm.text.VgTextReader;
import org.jlvm.pool.io.FileBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real lvm2 as oracle: it reads PVs we write (pvs, vgs, lvs, pvck, vgck without warnings), and we read PVs it
 * writes (pvcreate, vgcreate, lvcreate, vgcfgrestore of a thin VG we print). Needs root, losetup and lvm2; if
 * they are missing the test fails saying so.
 */
class RealLvm2Test {
    private static final long SIZE = 64L << 20;
    private static final String LVS_COLUMNS = "lv_name,lv_attr,lv_size,pool_lv,origin,thin_id,transaction_id,seg_pe_ranges";

    @TempDir
    Path tmp;

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    @Test
    void lvm2ReadsWhatWeWrite() throws Exception {
        long seed = System.nanoTime();
        System.out.println("RealLvm2Test.lvm2ReadsWhatWeWrite seed=" + seed);
        Random random = new Random(seed);
        String vgName = unique("jvg");
        Path a = tmp.resolve("a.img");
        Path b = tmp.resolve("b.img");
        sparse(a, SIZE);
        sparse(b, SIZE);
        PvGeometry g = PvGeometry.pvcreate(SIZE, PvGeometry.Options.DEFAULT);
        long peCount = g.peCount(8192);
        PhysicalVolume pv0 = PhysicalVolume.allocatable("pv0", LvmUuid.random(random), "/dev/loop0", SIZE / 512, 2048, peCount);
        PhysicalVolume pv1 = PhysicalVolume.allocatable("pv1", LvmUuid.random(random), "/dev/loop1", SIZE / 512, 2048, peCount);
        long now = 1795558097L;
        LogicalVolume lin = LogicalVolume.of("lin", LvmUuid.random(random), true, now, "jlvm",
                StripedSegment.linear(0, 2, "pv0", 0));
        VolumeGroup first = VolumeGroup.create(vgName, LvmUuid.random(random), 8192, List.of(pv0, pv1), List.of(lin));
        List<LogicalVolume> lvs = List.of(lin,
                LogicalVolume.of("pool0", LvmUuid.random(random), true, now, "jlvm",
                        new ThinPoolSegment(0, 4, "pool0_tmeta", "pool0_tdata", 1, 128, "passdown", true, null, List.of())),
                LogicalVolume.of("thin1", LvmUuid.random(random), true, now, "jlvm",
                        new ThinSegment(0, 256, "pool0", 0, 1, null, null, null)),
                LogicalVolume.of("lvol0_pmspare", LvmUuid.random(random), false, now, "jlvm",
                        StripedSegment.linear(0, 1, "pv1", 1)),
                LogicalVolume.of("pool0_tmeta", LvmUuid.random(random), false, now, "jlvm",
                        StripedSegment.linear(0, 1, "pv1", 0)),
                LogicalVolume.of("pool0_tdata", LvmUuid.random(random), false, now, "jlvm",
                        StripedSegment.linear(0, 4, "pv0", 2)));
        VolumeGroup second = first.withLvs(lvs).withSeqno(2);
        try (FileBlockDevice da = FileBlockDevice.open(a, false); FileBlockDevice db = FileBlockDevice.open(b, false)) {
            PhysicalVolumeFile pa = PhysicalVolumeFile.create(da, pv0.id(), g, a.toString());
            PhysicalVolumeFile pb = PhysicalVolumeFile.create(db, pv1.id(), g, b.toString());
            PhysicalVolumeFile.commitVg(List.of(pa, pb), new VgText(TextHeader.forWrite("vgcreate " + vgName, now), first));
            PhysicalVolumeFile.commitVg(List.of(pa, pb), new VgText(TextHeader.forWrite("lvcreate " + vgName, now + 1), second));
        }

        try (RealLvm2.Loop la = RealLvm2.Loop.attach(a, true); RealLvm2.Loop lb = RealLvm2.Loop.attach(b, true)) {
            RealLvm2 lvm = new RealLvm2(List.of(la.device, lb.device), tmp);
            RealLvm2.Result pvs = clean(lvm.lvm("pvs", "--noheadings", "--separator", "|", "-o", "pv_name,vg_name,pv_attr,pv_size,pv_pe_count"));
            assertEquals(List.of(la.device + "|" + vgName + "|a--|60.00m|15", lb.device + "|" + vgName + "|a--|60.00m|15"),
                    rows(pvs.out()), pvs.toString());
            RealLvm2.Result vgs = clean(lvm.lvm("vgs", "--noheadings", "--separator", "|", "-o", "vg_name,pv_count,lv_count,vg_attr,vg_size,vg_free,vg_seqno"));
            assertEquals(List.of(vgName + "|2|3|wz--n-|120.00m|88.00m|2"), rows(vgs.out()), vgs.toString());
            RealLvm2.Result lvsOut = clean(lvm.lvm("lvs", "-a", "--noheadings", "--separator", "|", "-o", LVS_COLUMNS, vgName));
            Map<String, String> byName = new LinkedHashMap<>();
            for (String row : rows(lvsOut.out())) {
                byName.put(row.substring(0, row.indexOf('|')), row);
            }
            assertEquals("lin|-wi-XX----|8.00m|||||" + la.device + ":0-1", byName.get("lin"), lvsOut.toString());
            assertEquals("pool0|twi-XXtz--|16.00m||||1|pool0_tdata:0-3", byName.get("pool0"), lvsOut.toString());
            assertEquals("thin1|Vwi-XXtz--|1.00g|pool0||1|0|", byName.get("thin1"), lvsOut.toString());
            assertEquals("[lvol0_pmspare]|ewi-XX----|4.00m|||||" + lb.device + ":1-1", byName.get("[lvol0_pmspare]"));
            assertEquals("[pool0_tmeta]|ewi-XX----|4.00m|||||" + lb.device + ":0-0", byName.get("[pool0_tmeta]"));
            assertEquals("[pool0_tdata]|Twi-XX----|16.00m|||||" + la.device + ":2-5", byName.get("[pool0_tdata]"));
            assertEquals(6, byName.size(), lvsOut.toString());
            for (String dev : List.of(la.device, lb.device)) {
                RealLvm2.Result pvck = clean(lvm.lvm("pvck", dev));
                assertTrue(pvck.out().contains("Found label on " + dev + ", sector 1, type=LVM2 001"), pvck.toString());
                RealLvm2.Result headers = clean(lvm.lvm("pvck", "--dump", "headers", dev));
                assertFalse(headers.out().contains("CHECK"), headers.toString());
                assertTrue(headers.out().contains("# vgname " + vgName + " seqno 2"), headers.toString());
            }
            clean(lvm.lvm("vgck", vgName));
            // lvm2's own export of what it read: the same model, and our backup layout prints its file byte for byte
            Path dumped = tmp.resolve("dumped.txt");
            clean(lvm.lvm("pvck", "--dump", "metadata", "-f", dumped.toString(), la.device));
            byte[] ours = PhysicalVolumeFile.encodeText(new VgText(TextHeader.forWrite("lvcreate " + vgName, now + 1), second));
            assertEquals(new String(ours, 0, ours.length - 1, StandardCharsets.UTF_8), Files.readString(dumped));
            Path backup = tmp.resolve("lvm2.backup");
            clean(lvm.lvm("vgcfgbackup", "-f", backup.toString(), vgName));
            String theirs = Files.readString(backup);
            VgText parsed = VgTextReader.read(theirs);
            VolumeGroup expected = new VolumeGroup(second.name(), second.id(), second.seqno(), second.format(),
                    second.status(), second.flags(), second.tags(), second.systemId(), second.extentSize(),
                    second.maxLv(), second.maxPv(), second.allocationPolicy(), second.profile(), second.metadataCopies(),
                    List.of(withDevice(pv0, la.device), withDevice(pv1, lb.device)), second.lvs());
            assertEquals(expected, parsed.vg());
            assertEquals(theirs, new VgTextPrinter(TextLayout.BACKUP_FILE, java.time.ZoneId.systemDefault())
                    .print(new VgText(parsed.header(), expected)));
        }
    }

    private static PhysicalVolume withDevice(PhysicalVolume p, String device) {
        return new PhysicalVolume(p.name(), p.id(), device, p.deviceIdType(), p.deviceId(), p.status(), p.flags(),
                p.tags(), p.devSize(), p.peStart(), p.peCount(), p.baStart(), p.baSize());
    }

    @Test
    void weReadWhatLvm2Writes() throws Exception {
        String vgName = unique("lvg");
        Path img = tmp.resolve("pv.img");
        Path backup = tmp.resolve("backup.vg");
        Path restore = tmp.resolve("restore.vg");
        sparse(img, SIZE);
        String pvUuid;
        try (RealLvm2.Loop loop = RealLvm2.Loop.attach(img, false)) {
            RealLvm2 lvm = new RealLvm2(List.of(loop.device), tmp);
            clean(lvm.lvm("pvcreate", loop.device));
            clean(lvm.lvm("vgcreate", "-s", "4m", vgName, loop.device));
            // without device-mapper lvcreate warns that it did not zero the LV: expected here
            succeeded(lvm.lvm("lvcreate", "-an", "-Zn", "-L", "8m", "-n", "lv0", vgName));
            clean(lvm.lvm("vgcfgbackup", "-f", backup.toString(), vgName));
            // add a thin pool and a thin LV to lvm2's own backup and let lvm2 restore it
            VgText theirs = VgTextReader.read(Files.readString(backup));
            VolumeGroup vg = theirs.vg();
            long t = theirs.header().creationTime();
            List<LogicalVolume> lvs = new ArrayList<>(vg.lvs());
            Random r = new Random(7);
            lvs.add(LogicalVolume.of("pool0", LvmUuid.random(r), true, t, "jlvm",
                    new ThinPoolSegment(0, 4, "pool0_tmeta", "pool0_tdata", 1, 128, "passdown", true, null, List.of())));
            lvs.add(LogicalVolume.of("thin1", LvmUuid.random(r), true, t, "jlvm",
                    new ThinSegment(0, 256, "pool0", 0, 1, null, null, null)));
            lvs.add(LogicalVolume.of("pool0_tmeta", LvmUuid.random(r), false, t, "jlvm", StripedSegment.linear(0, 1, "pv0", 2)));
            lvs.add(LogicalVolume.of("pool0_tdata", LvmUuid.random(r), false, t, "jlvm", StripedSegment.linear(0, 4, "pv0", 3)));
            Files.writeString(restore, new VgTextPrinter(TextLayout.BACKUP_FILE, ZoneOffset.UTC)
                    .print(new VgText(theirs.header(), vg.withLvs(lvs))));
            // a forced restore of thin LVs warns, and without device-mapper it cannot check for active LVs
            succeeded(lvm.lvm("vgcfgrestore", "--force", "-f", restore.toString(), vgName));
            RealLvm2.Result lvsOut = clean(lvm.lvm("lvs", "-a", "--noheadings", "--separator", "|", "-o", LVS_COLUMNS, vgName));
            assertTrue(lvsOut.out().contains("thin1|Vwi-XXtz--|1.00g|pool0||1|0|"), lvsOut.toString());
            pvUuid = rows(clean(lvm.lvm("pvs", "--noheadings", "-o", "pv_uuid", loop.device)).out()).get(0);
        }
        try (PhysicalVolumeFile pv = PhysicalVolumeFile.open(img, true)) {
            assertEquals(pvUuid, pv.label().pvUuid().formatted());
            assertTrue(pv.label().isUsed());
            VgText read = pv.readVg().orElseThrow();
            VolumeGroup vg = read.vg();
            assertEquals(vgName, vg.name());
            assertEquals(3, vg.seqno(), "vgcreate, lvcreate, vgcfgrestore");
            assertEquals(StripedSegment.linear(0, 2, "pv0", 0), vg.lv("lv0").orElseThrow().segments().get(0));
            assertEquals(new ThinSegment(0, 256, "pool0", 0, 1, null, null, null), vg.lv("thin1").orElseThrow().segments().get(0));
            ThinPoolSegment pool = (ThinPoolSegment) vg.lv("pool0").orElseThrow().segments().get(0);
            assertEquals(1, pool.transactionId());
            assertEquals(15, vg.pvs().get(0).peCount());
            // lvm2's fresh text prints back byte for byte
            byte[] committed = pv.metadataAreas().get(0).readCommitted().orElseThrow();
            String text = new String(committed, 0, committed.length - 1, StandardCharsets.UTF_8);
            assertEquals(text, new VgTextPrinter(TextLayout.METADATA_AREA, java.time.ZoneId.systemDefault()).print(read));
        }
    }

    /** Fails with the command's output when it failed or printed anything on stderr but the activation warning. */
    private static RealLvm2.Result clean(RealLvm2.Result r) {
        assertEquals(0, r.rc(), r.toString());
        assertEquals(List.of(), r.otherErrLines(), r.toString());
        return r;
    }

    /** Fails with the command's output when it failed (lvm2's own writes may warn here). */
    private static void succeeded(RealLvm2.Result r) {
        assertEquals(0, r.rc(), r.toString());
    }

    private static List<String> rows(String out) {
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }
}
