package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.text.VgTextReader;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgLock;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.thin.meta.PoolMetadata;
import org.jlvm.pool.io.FileBlockDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The less travelled forms: pool and thin in one step, pool growth, test mode, the devices file, locks, backups. */
class LvmVerbsMoreTest {
    @TempDir
    Path tmp;

    private JlvmRunner j;
    private Path pv;

    @BeforeEach
    void setUp() {
        j = new JlvmRunner(tmp.resolve("home"));
        pv = tmp.resolve("pv.img");
        j.ok("pvcreate", "--size", "512m", pv.toString());
        j.ok("vgcreate", "-s", "8m", "vg1", pv.toString());
    }

    private byte[] metadata() throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.open(pv, true)) {
            return PhysicalVolumeFile.of(dev, pv.toString()).metadataAreas().get(0).readCommitted().orElseThrow();
        }
    }

    private List<String> lvs(String fields) {
        return j.ok("lvs", "-a", "-o", fields, "--noheadings", "--separator", ":").rows();
    }

    @Test
    void poolAndThinInOneStepThenGrowThePool() throws Exception {
        assertEquals(List.of(
                "Thin pool volume with chunk size 128.00 KiB can address at most 31.75 TiB of data.",
                "Logical volume \"tp\" created.",
                "Logical volume \"t1\" created."),
                j.ok("lvcreate", "-L", "100m", "-V", "50m", "-T", "vg1/tp", "-n", "t1", "-c", "128k", "-Zn",
                        "--discards", "nopassdown").rows().stream().filter(l -> !l.startsWith("Rounding")).toList());
        assertEquals(List.of("[lvol0_pmspare]:ewi-------:8.00m:::", "t1:Vwi---t---:56.00m:tp::0.00",
                "tp:twi---t---:104.00m:::0.00", "[tp_tdata]:Twi-------:104.00m:::", "[tp_tmeta]:ewi-------:8.00m:::"),
                lvs("lv_name,lv_attr,lv_size,pool_lv,origin,data_percent"));
        assertEquals(List.of("Size of logical volume vg1/tp_tdata changed from 104.00 MiB (13 extents) to 200.00 MiB (25 extents).",
                "Logical volume vg1/tp successfully resized."), j.ok("lvextend", "-L", "200m", "vg1/tp").rows());
        assertEquals(List.of("tp:200.00m:nopassdown:"),
                j.ok("lvs", "-o", "lv_name,lv_size,discards,zero", "--noheadings", "--separator", ":", "vg1/tp").rows());
        LvmSettings settings = new LvmSettings(new LvmHome(j.home()), "check", false, 1000);
        try (VgSession v = VgSession.open(settings, "vg1", false);
                PoolMetadata pm = ThinPools.open(v, v.lv("tp"), true)) {
            assertEquals(1600, pm.stats().dataBlocks(), "200 MiB of 128 KiB chunks");
            assertEquals(256, pm.stats().dataBlockSize());
        }
        // tmeta sits right after the first data extents, so the data grows in a second segment
        assertEquals(List.of("[tp_tdata]:" + pv + ":1-13", "[tp_tdata]:" + pv + ":15-26"),
                lvs("lv_name,seg_pe_ranges").stream().filter(r -> r.startsWith("[tp_tdata]")).toList());
        // a snapshot without the skip flag, and the pool's thin count
        j.ok("lvcreate", "-s", "vg1/t1", "-n", "s1", "-kn");
        assertEquals(List.of("s1:Vwi---t---:t1:", "t1:Vwi---t---::", "tp:twi---t---::2"),
                j.ok("lvs", "-o", "lv_name,lv_attr,origin,thin_count", "--noheadings", "--separator", ":").rows());
    }

    @Test
    void testModeWritesNothing() throws Exception {
        byte[] before = metadata();
        JlvmRunner.Result r = j.ok("lvcreate", "-t", "-L", "16m", "-n", "lv0", "vg1");
        assertEquals(List.of("TEST MODE: Metadata will NOT be updated and volumes will not be (de)activated.",
                "Logical volume \"lv0\" created."), r.rows());
        j.ok("lvcreate", "--test", "--type", "thin-pool", "-L", "64m", "-n", "p", "vg1");
        assertArrayEquals(before, metadata());
        assertEquals(List.of(), j.ok("lvs").rows());
    }

    @Test
    void devicesFileBackupsAndLocks() throws Exception {
        assertEquals(List.of("Device " + pv + " IDTYPE=devname IDNAME=" + pv + " DEVNAME=" + pv + " PVID="
                + pvid()), j.ok("lvmdevices").rows());
        j.ok("lvmdevices", "--deldev", pv.toString());
        assertEquals(List.of(), j.ok("vgs").rows(), "a PV not in the devices file is not seen");
        j.ok("lvmdevices", "--adddev", pv.toString());
        assertEquals(List.of("vg1"), j.ok("vgs", "-o", "vg_name", "--noheadings").rows());

        Path out = tmp.resolve("vg1.backup");
        assertEquals(List.of("Volume group \"vg1\" successfully backed up."),
                j.ok("vgcfgbackup", "-f", out.toString(), "vg1").rows());
        String text = Files.readString(out);
        assertTrue(text.contains("description = \"Created *after* executing 'vgcfgbackup -f " + out + " vg1'\""), text);
        assertEquals(1, VgTextReader.read(text).vg().seqno());

        try (VgLock held = VgLock.acquire(new LvmHome(j.home()), "vg1", 1000)) {
            JlvmRunner.Result r = j.run("lvcreate", "-L", "8m", "-n", "x", "vg1");
            assertEquals(5, r.rc(), r.toString());
            assertEquals("  " + new LvmHome(j.home()).lockDir().resolve("V_vg1")
                    + ": flock failed: Resource temporarily unavailable\n  Can't get lock for vg1.\n"
                    + "  Cannot process volume group vg1\n", r.err());
        }
        j.ok("lvcreate", "-L", "8m", "-n", "x", "vg1");
    }

    @Test
    void everyVerbHasHelp() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(picocliWarnings, true));
        try {
            for (LvmVerbs.Verb v : LvmVerbs.all()) {
                JlvmRunner.Result r = j.run(v.name(), "--help");
                assertEquals(0, r.rc(), r.toString());
                assertTrue(r.out().startsWith("Usage: " + v.name()), r.out());
            }
            assertTrue(j.ok("lvs", "--help").out().contains("lvm leaves them blank for inactive pools"));
        } finally {
            System.setErr(saved);
        }
        assertEquals("", picocliWarnings.toString(), "help texts format without picocli warnings");
    }

    private String pvid() throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.open(pv, true)) {
            return PhysicalVolumeFile.of(dev, pv.toString()).label().pvUuid().chars();
        }
    }
}
