package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.RealLvm2;
import org.jlvm.pool.testing.RealThinTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tools as oracles of what the verbs wrote: the real lvm2 (PV attached read-only, activation off, no
 * devices file) shows the same LVs, attributes, sizes, thin ids, transaction ids and PE ranges as our lvs, and
 * its vgck and pvck pass; the real thin_check (0.9.0 and 1.1.0) accepts the pool metadata cut out at the
 * extents of {@code [pool0_tmeta]}. Needs root, losetup and lvm2 like RealLvm2Test.
 */
class LvmRealToolsTest {
    private static final String FIELDS = "lv_name,lv_attr,lv_size,pool_lv,origin,thin_id,transaction_id,seg_pe_ranges";

    @TempDir
    Path tmp;

    @Test
    void realLvm2AndThinCheckAgree() throws Exception {
        JlvmRunner j = LvmLifecycleTest.lifecycle(tmp);
        Path pv = tmp.resolve("pv0.img");
        List<String> ours = compareWithRealLvm2(j, pv, tmp);
        thinCheckTmeta(pv, ours);
        // after renames, a removed thin origin, a grown thin LV, linear LV and pool: still the same to lvm2
        j.ok("lvrename", "vg0", "thin1", "thinA");
        j.ok("lvremove", "vg0/thinA");
        j.ok("lvextend", "-L", "+1g", "vg0/thin2");
        j.ok("lvextend", "-L", "+8m", "vg0/lin");
        j.ok("lvextend", "-L", "+40m", "vg0/pool0");
        j.ok("lvrename", "vg0/pool0", "vg0/tp");
        ours = compareWithRealLvm2(j, pv, tmp);
        assertTrue(ours.contains("tp:twi---tz--:251658240::::5:tp_tdata:0-59"), ours.toString());
        thinCheckTmeta(pv, ours);
    }

    /** Our {@code lvs -a} of the thin fields equals the real lvm2's (reading {@code pv} read-only); vgck, pvck pass. */
    static List<String> compareWithRealLvm2(JlvmRunner j, Path pv, Path tmp) throws Exception {
        List<String> ours = j.ok("lvs", "-a", "-o", FIELDS, "--units", "b", "--nosuffix", "--noheadings",
                "--separator", ":").rows();
        try (RealLvm2.Loop loop = RealLvm2.Loop.attach(pv, true)) {
            RealLvm2 lvm = new RealLvm2(List.of(loop.device), tmp);
            RealLvm2.Result r = lvm.lvm("lvs", "-a", "-o", FIELDS, "--units", "b", "--nosuffix", "--noheadings",
                    "--separator", ":");
            assertEquals(0, r.rc(), r.toString());
            assertEquals(List.of(), r.otherErrLines(), r.toString());
            List<String> theirs = new ArrayList<>();
            for (String line : r.out().lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
                String[] f = line.replace(loop.device + ":", pv + ":").split(":", -1);
                // activation is off for the real lvm2: its state and open characters are X, ours '-' (inactive)
                f[1] = f[1].substring(0, 4) + f[1].substring(4, 6).replace('X', '-') + f[1].substring(6);
                theirs.add(String.join(":", f));
            }
            assertEquals(theirs, ours);
            RealLvm2.Result vgck = lvm.lvm("vgck", "vg0");
            assertEquals(0, vgck.rc(), vgck.toString());
            assertEquals(List.of(), vgck.otherErrLines(), vgck.toString());
            RealLvm2.Result pvck = lvm.lvm("pvck", loop.device);
            assertEquals(0, pvck.rc(), pvck.toString());
            assertEquals(List.of(), pvck.otherErrLines(), pvck.toString());
        }
        return ours;
    }

    private void thinCheckTmeta(Path pv, List<String> ours) throws Exception {
        Path cut = cutTmeta(pv, ours, tmp.resolve("tmeta.bin"));
        RealThinTools.Run check = RealThinTools.checkAll(cut);
        assertEquals(0, check.rc(), check.stdout());
        assertTrue(check.stdout().contains("thin_check 0.9.0: rc 0"), check.stdout());
    }

    /** Copies the extents of {@code [*_tmeta]} (from the {@code lvs -o ...,seg_pe_ranges} rows) into {@code cut}. */
    static Path cutTmeta(Path pv, List<String> ours, Path cut) throws Exception {
        String tmeta = ours.stream().filter(l -> l.matches("\\[\\w+_tmeta\\]:.*")).findFirst().orElseThrow();
        String range = tmeta.substring(tmeta.lastIndexOf(':') + 1);
        long first = Long.parseLong(range.substring(0, range.indexOf('-')));
        long last = Long.parseLong(range.substring(range.indexOf('-') + 1));
        long extent = 4L << 20;
        long peStart = 1L << 20;
        try (RandomAccessFile in = new RandomAccessFile(pv.toFile(), "r");
                RandomAccessFile out = new RandomAccessFile(cut.toFile(), "rw")) {
            byte[] buf = new byte[(int) extent];
            for (long pe = first; pe <= last; pe++) {
                in.seek(peStart + pe * extent);
                in.readFully(buf);
                out.write(buf);
            }
        }
        return cut;
    }
}
