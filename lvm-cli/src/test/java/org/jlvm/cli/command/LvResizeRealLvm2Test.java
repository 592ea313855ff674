package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.RealLvm2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real lvm2 2.03.16 reads what lvextend/lvreduce/lvresize (pool data, pool metadata with the spare, thin and
 * linear LVs), lvconvert --type thin-pool (with an existing metadata LV) and vgcfgrestore wrote: same LVs,
 * attributes, sizes, thin ids, transaction ids and PE ranges, vgck and pvck clean, and thin_check accepts both
 * pools' metadata (cut at their extents, several segments). The other way: the real lvm2 resizes a linear LV of
 * that VG (writable loop device), jlvm lists it as lvm does and restores lvm's own archive of it with
 * {@code vgcfgrestore --force -f}, which the real lvm2 reads again. Needs root, losetup and lvm2.
 */
class LvResizeRealLvm2Test {
    @TempDir
    Path tmp;

    @Test
    void realLvm2ReadsResizedAndConvertedVolumes() throws Exception {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        Path pv = tmp.resolve("pv0.img");
        j.ok("pvcreate", "--size", "1g", pv.toString());
        j.ok("vgcreate", "vg0", pv.toString());
        j.ok("lvcreate", "--type", "thin-pool", "-L", "200m", "-c", "64k", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "1g", "-T", "vg0/pool0", "-n", "thin1");
        j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
        j.ok("lvcreate", "-L", "12m", "-n", "lin", "vg0");
        j.ok("lvcreate", "-L", "40m", "-n", "data2", "vg0");
        j.ok("lvcreate", "-L", "8m", "-n", "meta2", "vg0");
        j.ok("lvextend", "-L", "+100m", "vg0/pool0");
        j.ok("lvextend", "--poolmetadatasize", "+4m", "vg0/pool0");
        j.ok("lvresize", "-L", "+100m", "vg0/thin1");
        j.ok("lvreduce", "-y", "-L", "512m", "vg0/thin1");
        j.ok("lvextend", "-l", "+50%FREE", "vg0/lin");
        j.ok("lvreduce", "-f", "-l", "-2", "vg0/lin");
        assertEquals(List.of("Thin pool volume with chunk size 64.00 KiB can address at most <15.88 TiB of data.",
                "Converted vg0/data2 and vg0/meta2 to thin pool."),
                j.ok("lvconvert", "-y", "--type", "thin-pool", "--poolmetadata", "vg0/meta2", "vg0/data2").rows());
        j.ok("lvcreate", "-V", "20m", "-T", "vg0/data2", "-n", "thinB");
        List<String> ours = LvmRealToolsTest.compareWithRealLvm2(j, pv, tmp);
        assertTrue(ours.contains("data2:twi---tz--:41943040::::1:data2_tdata:0-9"), ours.toString());
        assertTrue(ours.stream().anyMatch(l -> l.matches("\\[data2_tmeta\\]:ewi-------:8388608:::::.*")),
                ours.toString());
        assertEquals(2, ours.stream().filter(l -> l.startsWith("[pool0_tmeta]:ewi-------:8388608:")).count(),
                "grown pool metadata in two segments: " + ours);
        PoolChecks.check(j.home(), "vg0", true, tmp);

        // the real lvm2 changes the VG: jlvm lists what lvm lists, restores lvm's archive, lvm reads the result
        Path lvmDir = tmp.resolve("lvm");
        try (RealLvm2.Loop loop = RealLvm2.Loop.attach(pv, false)) {
            RealLvm2 lvm = new RealLvm2(List.of(loop.device), lvmDir);
            RealLvm2.Result r = lvm.lvm("lvextend", "-L", "+8m", "vg0/lin");
            assertEquals(0, r.rc(), r.toString());
            assertEquals(List.of(), r.otherErrLines(), r.toString());
        }
        List<String> afterLvm = LvmRealToolsTest.compareWithRealLvm2(j, pv, tmp);
        assertEquals(size(ours, "lin") + (8 << 20), size(afterLvm, "lin"), afterLvm.toString());
        Path lvmArchive;
        try (Stream<Path> files = Files.list(lvmDir.resolve("archive"))) {
            lvmArchive = files.filter(p -> p.getFileName().toString().startsWith("vg0_")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
        JlvmRunner.Result restored = j.ok("vgcfgrestore", "--force", "-f", lvmArchive.toString(), "vg0");
        assertEquals("  WARNING: Forced restore of Volume Group vg0 with thin volumes.\n", restored.err());
        assertEquals(ours, LvmRealToolsTest.compareWithRealLvm2(j, pv, tmp),
                "lvm's archive of the VG before its lvextend is the VG jlvm had written");
    }

    private static long size(List<String> rows, String lv) {
        return rows.stream().filter(l -> l.startsWith(lv + ":")).mapToLong(l -> Long.parseLong(l.split(":")[2]))
                .findFirst().orElseThrow();
    }
}
