package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvm's manual repair workflow: the pool's metadata cut out, repaired with thin_repair into a plain LV, swapped
 * in with {@code lvconvert --swapmetadata} (the old metadata takes the LV's name), swapped back with
 * {@code lvconvert --thinpool POOL --poolmetadata LV}; the pool reads its data with either, the real thin_check
 * accepts them, nothing is swapped without a yes, and unsuitable LVs are refused with lvm's messages.
 */
class LvConvertSwapTest {
    @TempDir
    Path tmp;

    private JlvmRunner j;

    private PoolLvs lvs() {
        return new PoolLvs(j.home(), "vg0");
    }

    private void thin1(PoolLvs.OnVolume action) throws Exception {
        lvs().onThin("thin1", action);
    }

    private Path bytesOf(String lv) throws Exception {
        return lvs().bytesOf(lv, tmp);
    }

    private String extentsOf(String lv) {
        return j.ok("lvs", "-a", "--noheadings", "-o", "seg_pe_ranges", "vg0/" + lv).rows().get(0);
    }

    @Test
    void manualRepairSwapsTheMetadataInAndBack() throws Exception {
        j = new JlvmRunner(tmp.resolve("home"));
        String pv = tmp.resolve("pv.img").toString();
        j.ok("pvcreate", "--size", "1g", pv);
        j.ok("vgcreate", "vg0", pv);
        j.ok("lvcreate", "--type", "thin-pool", "-L", "200m", "-c", "64k", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "1g", "-T", "vg0/pool0", "-n", "thin1");
        long seed = System.nanoTime();
        System.out.println("LvConvertSwapTest seed=" + seed);
        byte[] data = new byte[3 << 20];
        new Random(seed).nextBytes(data);
        thin1(v -> v.write(65536, ByteBuffer.wrap(data)));
        j.ok("lvcreate", "-L", "4m", "-n", "fixed", "vg0");

        Path original = bytesOf("pool0_tmeta");
        String dump = j.ok("thin_dump", original.toString()).out();
        Path repaired = tmp.resolve("repaired.bin");
        Files.write(repaired, new byte[4 << 20]);
        j.ok("thin_repair", "-i", original.toString(), "-o", repaired.toString());
        lvs().write("fixed", repaired);
        String tmetaExtents = extentsOf("pool0_tmeta");
        String fixedExtents = extentsOf("fixed");

        JlvmRunner.Result no = j.run("lvconvert", "--swapmetadata", "--poolmetadata", "vg0/fixed", "vg0/pool0");
        assertEquals(5, no.rc(), no.toString());
        assertEquals(List.of("Do you want to swap metadata of vg0/pool0 pool with metadata volume vg0/fixed? [y/n]: "
                + "[n]", "  Conversion aborted."), no.err().lines().toList());
        assertEquals(tmetaExtents, extentsOf("pool0_tmeta"), "nothing swapped without a yes");

        j.ok("lvconvert", "--swapmetadata", "-y", "--poolmetadata", "vg0/fixed", "vg0/pool0");
        assertEquals(fixedExtents, extentsOf("pool0_tmeta"), "the repaired LV is the pool's metadata");
        assertEquals(tmetaExtents, extentsOf("fixed"), "the old metadata took the LV's name");
        assertEquals("-wi-------", j.ok("lvs", "--noheadings", "-o", "lv_attr", "vg0/fixed").rows().get(0));
        assertEquals(dump, j.ok("thin_dump", bytesOf("fixed").toString()).out());
        PoolChecks.check(j.home(), "vg0", true, tmp);
        byte[] back = new byte[data.length];
        thin1(v -> v.read(65536, ByteBuffer.wrap(back)));
        assertArrayEquals(data, back, "thin1 reads its data through the swapped-in metadata");

        // and back, in lvm's older form
        j.ok("lvconvert", "--thinpool", "vg0/pool0", "--poolmetadata", "fixed", "-y");
        assertEquals(tmetaExtents, extentsOf("pool0_tmeta"));
        assertEquals(fixedExtents, extentsOf("fixed"));
        PoolChecks.check(j.home(), "vg0", true, tmp);
        thin1(v -> v.read(65536, ByteBuffer.wrap(back)));
        assertArrayEquals(data, back);

        JlvmRunner.Result thin = j.run("lvconvert", "--swapmetadata", "-y", "--poolmetadata", "vg0/thin1", "vg0/pool0");
        assertEquals(List.of("  LV vg0/thin1 with type thin cannot be used as a metadata LV."), thin.err().lines().toList());
        assertEquals(5, thin.rc());
        JlvmRunner.Result hidden = j.run("lvconvert", "--swapmetadata", "-y", "--poolmetadata", "vg0/pool0_tdata",
                "vg0/pool0");
        assertEquals(List.of("  Can't convert internal LV vg0/pool0_tdata."), hidden.err().lines().toList());
        JlvmRunner.Result unknown = j.run("lvconvert", "--swapmetadata", "-y", "--poolmetadata", "vg0/nosuch",
                "vg0/pool0");
        assertEquals(List.of("  Unknown pool metadata LV vg0/nosuch."), unknown.err().lines().toList());
        JlvmRunner.Result noMeta = j.run("lvconvert", "--swapmetadata", "vg0/pool0");
        assertEquals(3, noMeta.rc(), noMeta.toString());
        assertEquals(tmetaExtents, extentsOf("pool0_tmeta"), "no refusal changed the VG");
    }

    @Test
    void anActivePoolIsNotSwapped() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp.resolve("active"), "200m")) {
            h.j.ok("lvcreate", "-L", "4m", "-n", "fixed", "vg0");
            h.j.ok("lvchange", "-ay", "vg0/thin1");
            JlvmRunner.Result r = h.j.run("lvconvert", "--swapmetadata", "-y", "--poolmetadata", "vg0/fixed",
                    "vg0/pool0");
            assertEquals(5, r.rc(), r.toString());
            assertEquals(List.of("  Cannot convert pool vg0/pool0 with active volumes."), r.err().lines().toList());
            h.j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
        }
    }
}
