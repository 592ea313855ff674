package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.text.VgTextReader;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.io.SliceBlockDevice;
import org.jlvm.thin.meta.PoolMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin-pool lifecycle a user types, in-process through the dispatcher: pvcreate --size, vgcreate, a thin
 * pool, two thin LVs, a snapshot of a snapshot, a linear LV, lvs -a; lvm's layout (pmspare, tdata, tmeta), its
 * messages, the pool metadata agreeing with the VG (device ids, transaction id), archive and backup files.
 */
class LvmLifecycleTest {
    @TempDir
    Path tmp;

    static JlvmRunner lifecycle(Path tmp) {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        String pv = tmp.resolve("pv0.img").toString();
        assertEquals(List.of("Physical volume \"" + pv + "\" successfully created."),
                j.ok("pvcreate", "--size", "1g", pv).rows());
        assertEquals(List.of("Volume group \"vg0\" successfully created"), j.ok("vgcreate", "vg0", pv).rows());
        assertEquals(List.of("Thin pool volume with chunk size 64.00 KiB can address at most <15.88 TiB of data.",
                "Logical volume \"pool0\" created."),
                j.ok("lvcreate", "--type", "thin-pool", "-L", "200m", "-c", "64k", "-n", "pool0", "vg0").rows());
        JlvmRunner.Result thin1 = j.ok("lvcreate", "-V", "1g", "-T", "vg0/pool0", "-n", "thin1");
        assertEquals(List.of(
                "WARNING: You have not turned on protection against thin pools running out of space.",
                "WARNING: Set activation/thin_pool_autoextend_threshold below 100 to trigger automatic extension of thin pools before they get full.",
                "Logical volume \"thin1\" created."), thin1.rows());
        assertEquals("  WARNING: Sum of all thin volume sizes (1.00 GiB) exceeds the size of thin pool vg0/pool0 and the "
                + "size of whole volume group (1020.00 MiB).\n", thin1.err());
        j.ok("lvcreate", "-V", "100m", "--thinpool", "pool0", "-n", "thin2", "vg0");
        j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
        j.ok("lvcreate", "-s", "vg0/snap1", "-n", "snap2");
        // as recorded from lvm2: any lvcreate in a VG whose thin LVs exceed the pools warns
        assertEquals(List.of("Rounding up size to full physical extent 12.00 MiB",
                "WARNING: You have not turned on protection against thin pools running out of space.",
                "WARNING: Set activation/thin_pool_autoextend_threshold below 100 to trigger automatic extension of thin pools before they get full.",
                "Logical volume \"lin\" created."),
                j.ok("lvcreate", "-L", "10m", "-n", "lin", "vg0").rows());
        return j;
    }

    @Test
    void lifecycleAsLvmLaysItOut() throws Exception {
        JlvmRunner j = lifecycle(tmp);
        String pv = tmp.resolve("pv0.img").toString();
        assertEquals(List.of(
                "LV              VG  Attr       LSize   Pool  Origin Data%  Meta%  Move Log Cpy%Sync Convert",
                "lin             vg0 -wi-------  12.00m",
                "[lvol0_pmspare] vg0 ewi-------   4.00m",
                "pool0           vg0 twi---tz-- 200.00m              0.00   1.07",
                "[pool0_tdata]   vg0 Twi------- 200.00m",
                "[pool0_tmeta]   vg0 ewi-------   4.00m",
                "snap1           vg0 Vwi---tz-k   1.00g pool0 thin1  0.00",
                "snap2           vg0 Vwi---tz-k   1.00g pool0 snap1  0.00",
                "thin1           vg0 Vwi---tz--   1.00g pool0        0.00",
                "thin2           vg0 Vwi---tz-- 100.00m pool0        0.00"), j.ok("lvs", "-a").rows());
        assertEquals(List.of(
                "lin:-wi-------:12582912:::::" + pv + ":52-54",
                "[lvol0_pmspare]:ewi-------:4194304:::::" + pv + ":0-0",
                "pool0:twi---tz--:209715200::::4:pool0_tdata:0-49",
                "[pool0_tdata]:Twi-------:209715200:::::" + pv + ":1-50",
                "[pool0_tmeta]:ewi-------:4194304:::::" + pv + ":51-51",
                "snap1:Vwi---tz-k:1073741824:pool0:thin1:3:2:",
                "snap2:Vwi---tz-k:1073741824:pool0:snap1:4:3:",
                "thin1:Vwi---tz--:1073741824:pool0::1:0:",
                "thin2:Vwi---tz--:104857600:pool0::2:1:"),
                j.ok("lvs", "-a", "-o", "lv_name,lv_attr,lv_size,pool_lv,origin,thin_id,transaction_id,seg_pe_ranges",
                        "--units", "b", "--nosuffix", "--noheadings", "--separator", ":").rows());
        assertEquals(List.of("VG  #PV #LV #SN Attr   VSize    VFree", "vg0   1   6   0 wz--n- 1020.00m 800.00m"),
                j.ok("vgs").rows());
        assertEquals(List.of("PV" + " ".repeat(pv.length() - 2) + " VG  Fmt  Attr PSize    PFree",
                pv + " vg0 lvm2 a--  1020.00m 800.00m"), j.ok("pvs").rows());

        // the pool metadata has the four devices, snapshots of their origins, and the VG's transaction id
        VolumeGroup vg;
        try (FileBlockDevice dev = FileBlockDevice.open(Path.of(pv), true)) {
            vg = PhysicalVolumeFile.of(dev, pv).readVg().orElseThrow().vg();
            ThinPoolSegment pool = (ThinPoolSegment) vg.lv("pool0").orElseThrow().segments().get(0);
            assertTrue(pool.messages().isEmpty());
            long off = vg.pvs().get(0).peStart() * 512 + 51 * vg.extentSize() * 512;
            try (PoolMetadata pm = PoolMetadata.open(new SliceBlockDevice(dev, off, 4 << 20), 1 << 20, true)) {
                assertEquals(4, pm.stats().transactionId());
                assertEquals(List.of(1L, 2L, 3L, 4L), pm.devices());
                assertEquals(3200, pm.stats().dataBlocks());
                assertEquals(128, pm.stats().dataBlockSize());
            }
        }
        // every change archived before and backed up after; the backup is the current metadata
        Path backup = j.home().resolve("backup").resolve("vg0");
        assertEquals(vg, VgTextReader.read(Files.readString(backup)).vg());
        assertTrue(Files.readString(backup).contains("description = \"Created *after* executing 'lvcreate -L 10m -n lin vg0'\""));
        try (var files = Files.list(j.home().resolve("archive"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.isEmpty());
            assertTrue(names.stream().allMatch(n -> n.matches("vg0_\\d{5}-\\d+\\.vg")), names.toString());
        }
        assertTrue(Files.readString(j.home().resolve("devices").resolve("system.devices"))
                .contains("IDTYPE=devname IDNAME=" + pv + " DEVNAME=" + pv + " PVID="));
    }

    @Test
    void removeRenameExtend() throws Exception {
        JlvmRunner j = lifecycle(tmp);
        assertEquals(List.of("Renamed \"thin1\" to \"thinA\" in volume group \"vg0\""),
                j.ok("lvrename", "vg0", "thin1", "thinA").rows());
        assertEquals(List.of("Renamed \"pool0\" to \"tp\" in volume group \"vg0\""),
                j.ok("lvrename", "vg0/pool0", "vg0/tp").rows());
        assertEquals(List.of("Size of logical volume vg0/thin2 changed from 100.00 MiB (25 extents) to 2.00 GiB (512 extents).",
                "WARNING: You have not turned on protection against thin pools running out of space.",
                "WARNING: Set activation/thin_pool_autoextend_threshold below 100 to trigger automatic extension of thin pools before they get full.",
                "Logical volume vg0/thin2 successfully resized."), j.ok("lvextend", "-L", "2g", "vg0/thin2").rows());
        assertEquals(List.of("Size of logical volume vg0/lin changed from 12.00 MiB (3 extents) to 20.00 MiB (5 extents).",
                "Logical volume vg0/lin successfully resized."), j.ok("lvextend", "-l", "+2", "vg0/lin").rows());
        assertEquals(List.of("Logical volume \"thinA\" successfully removed."), j.ok("lvremove", "vg0/thinA").rows());
        assertEquals(List.of(
                "snap1:Vwi---tz-k:tp::3:2",
                "snap2:Vwi---tz-k:tp:snap1:4:3",
                "thin2:Vwi---tz--:tp::2:1",
                "tp:twi---tz--::::5"),
                j.ok("lvs", "-o", "lv_name,lv_attr,pool_lv,origin,thin_id,transaction_id", "--noheadings",
                        "--separator", ":", "vg0/snap1", "vg0/snap2", "vg0/thin2", "vg0/tp").rows());
        JlvmRunner.Result no = j.run("lvremove", "vg0/tp");
        assertEquals(5, no.rc(), no.toString());
        assertEquals("Removing pool vg0/tp will remove 3 dependent volume(s). Proceed? [y/n]: [n]\n"
                + "  Logical volume vg0/tp not removed.\n", no.err());
        j.ok("lvremove", "-y", "vg0/tp");
        assertEquals(List.of("lin"), j.ok("lvs", "-a", "-o", "lv_name", "--noheadings").rows());
        assertEquals(List.of("Logical volume \"lin\" successfully removed.", "Volume group \"vg0\" successfully removed"),
                j.ok("vgremove", "-f", "vg0").rows());
        String pv = tmp.resolve("pv0.img").toString();
        assertEquals(List.of(pv + "::---"), j.ok("pvs", "--noheadings", "--separator", ":", "-o", "pv_name,vg_name,pv_attr").rows());
        assertEquals(List.of("Labels on physical volume \"" + pv + "\" successfully wiped."), j.ok("pvremove", pv).rows());
        assertEquals(List.of(), j.ok("pvs").rows());
    }
}
