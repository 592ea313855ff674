package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lvcreate -L SIZE -n LV VG PV...}: a linear LV allocated only on the PVs named, as lvm does; a PV that is
 * not in the VG, too little room on the PVs named, extent ranges and PVs for thin LVs are refused, changing nothing.
 */
class LvCreatePvArgsTest {
    @TempDir
    Path tmp;

    @Test
    void linearLvsGoOnTheNamedPvs() {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        String pv0 = tmp.resolve("pv0.img").toString();
        String pv1 = tmp.resolve("pv1.img").toString();
        j.ok("pvcreate", "--size", "64m", pv0, pv1);
        j.ok("vgcreate", "vg0", pv0, pv1);
        j.ok("lvcreate", "-L", "8m", "-n", "a", "vg0", pv1);
        j.ok("lvcreate", "-L", "8m", "-n", "b", "vg0");
        j.ok("lvcreate", "-L", "12m", "-n", "c", "vg0", pv1);
        assertEquals(List.of("a:" + pv1 + ":0-1", "b:" + pv0 + ":0-1", "c:" + pv1 + ":2-4"), j.ok("lvs",
                "--noheadings", "--separator", ":", "-o", "lv_name,seg_pe_ranges", "vg0").rows());

        String before = j.ok("lvs", "-a", "-o", "lv_name,seg_pe_ranges,lv_uuid", "vg0").out();
        JlvmRunner.Result full = j.run("lvcreate", "-L", "56m", "-n", "d", "vg0", pv1);
        assertEquals(5, full.rc(), full.toString());
        assertTrue(full.err().contains("insufficient free space"), full.toString());
        JlvmRunner.Result stranger = j.run("lvcreate", "-L", "4m", "-n", "d", "vg0", tmp.resolve("nope").toString());
        assertEquals(5, stranger.rc(), stranger.toString());
        assertEquals(List.of("  Physical Volume \"" + tmp.resolve("nope") + "\" not found in Volume Group \"vg0\"."),
                stranger.err().lines().toList());
        assertEquals(3, j.run("lvcreate", "-L", "4m", "-n", "d", "vg0", pv0 + ":0-3").rc());
        assertEquals(3, j.run("lvcreate", "-V", "64m", "-T", "vg0/pool", "-n", "d", pv0).rc());
        assertEquals(before, j.ok("lvs", "-a", "-o", "lv_name,seg_pe_ranges,lv_uuid", "vg0").out());
    }
}
