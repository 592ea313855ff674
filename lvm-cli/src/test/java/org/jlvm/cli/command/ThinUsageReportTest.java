package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.pool.testing.RealThinTools;
import org.jlvm.thin.meta.PoolMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data% and jlvm's {@code thin_exclusive}/{@code thin_shared} of thin LVs whose pool holds data: the values a
 * known history gives, and the real thin_ls 0.9.0's EXCLUSIVE_BLOCKS/SHARED_BLOCKS on the pool metadata cut out
 * of the PV at the extents of {@code [pool0_tmeta]}.
 */
class ThinUsageReportTest {

    @TempDir
    Path tmp;

    @Test
    void exclusiveAndSharedDataOfThinLvs() throws Exception {
        JlvmRunner j = LvmLifecycleTest.lifecycle(tmp);
        map(j, "thin1", 0, 100);
        j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap3");
        map(j, "snap3", 0, 20);
        map(j, "thin2", 500, 10);
        // 64 KiB chunks: thin1 100 blocks, 20 overwritten in snap3; thin2 10 blocks of its own
        List<String> rows = rows(j);
        assertEquals(List.of(
                "snap1:0:0:0.00:",
                "snap2:0:0:0.00:",
                "snap3:1280.00:5120.00:0.61:",
                "thin1:1280.00:5120.00:0.61:",
                "thin2:640.00:0:0.62:"), rows.subList(1, rows.size()));
        // the pool: 130 of its 3200 data blocks are in use; jlvm fields are blank for it
        assertEquals("pool0:::4.06:", rows.get(0).substring(0, rows.get(0).lastIndexOf(':') + 1));
        Map<Long, long[]> thinLs = thinLs(j);
        Map<Long, long[]> ours = new TreeMap<>();
        for (String r : j.ok("lvs", "-S", "thin_id>0", "-o", "thin_id,thin_exclusive,thin_shared", "--units", "s",
                "--nosuffix", "--noheadings", "--separator", ":").rows()) {
            String[] f = r.split(":");
            ours.put(Long.parseLong(f[0]), new long[] {Long.parseLong(f[1]) / 128, Long.parseLong(f[2]) / 128});
        }
        assertEquals(toString(thinLs), toString(ours));
    }

    private static List<String> rows(JlvmRunner j) {
        return j.ok("lvs", "-S", "lv_name!=lin", "-o", "lv_name,thin_exclusive,thin_shared,data_percent,"
            + "metadata_percent", "--units", "k", "--nosuffix", "--noheadings", "--separator", ":").rows();
    }

    /** Maps {@code count} new data blocks at virtual blocks from {@code first} in the thin LV. */
    private void map(JlvmRunner j, String lv, long first, int count) throws Exception {
        LvmHome home = new LvmHome(j.home());
        try (VgSession s = VgSession.open(new LvmSettings(home, "test", false, 300), "vg0", true)) {
            LogicalVolume pool = s.lv("pool0");
            long dev = ThinPools.thinSegment(s.lv(lv)).deviceId();
            try (PoolMetadata pm = ThinPools.open(s, pool, false)) {
                for (long v = first; v < first + count; v++) {
                    pm.insert(dev, v, pm.allocateDataBlock());
                }
                pm.commit();
            }
        }
    }

    /** thin_ls 0.9.0 on the tmeta extents: device → {exclusive, shared} blocks. */
    private Map<Long, long[]> thinLs(JlvmRunner j) throws Exception {
        List<String> rows = j.ok("lvs", "-a", "-o", "lv_name,seg_pe_ranges", "--noheadings", "--separator", ":").rows();
        Path cut = LvmRealToolsTest.cutTmeta(tmp.resolve("pv0.img"), rows, tmp.resolve("tmeta.bin"));
        RealThinTools.Run run = RealThinTools.run090("thin_ls", "--no-headers", "-o",
            "DEV,EXCLUSIVE_BLOCKS,SHARED_BLOCKS", cut.toString());
        assertEquals(0, run.rc(), run.combined());
        Map<Long, long[]> out = new TreeMap<>();
        for (String line : run.stdout().strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            out.put(Long.parseLong(f[0]), new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return out;
    }

    private static String toString(Map<Long, long[]> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v[0]).append('/').append(v[1]).append(' '));
        return b.toString();
    }
}
