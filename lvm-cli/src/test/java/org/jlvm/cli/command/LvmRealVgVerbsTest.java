package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.RealLvm2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real lvm2 as the oracle of vgextend, vgreduce, vgrename and pvresize: after them, with our PV files
 * attached read-only as loop devices, the real pvs, vgs and lvs list what ours list (sizes in bytes, seqno, PE
 * ranges), and the real vgck and pvck pass without a warning. Needs root, losetup and lvm2, like
 * LvmRealToolsTest.
 */
class LvmRealVgVerbsTest {
    private static final String[] BYTES = {"--units", "b", "--nosuffix", "--noheadings", "--separator", ":"};
    private static final String PV_FIELDS = "pv_name,vg_name,pv_attr,pv_size,pv_free,pv_pe_count,pv_pe_alloc_count";
    private static final String VG_FIELDS = "vg_name,pv_count,lv_count,vg_attr,vg_size,vg_free,vg_seqno";
    private static final String LV_FIELDS = "lv_name,lv_size,seg_pe_ranges";

    @TempDir
    Path tmp;

    @Test
    void realLvm2AgreesAfterVgAndPvChanges() throws Exception {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        Path a = tmp.resolve("a.img");
        Path b = tmp.resolve("b.img");
        Path c = tmp.resolve("c.img");
        for (Path p : List.of(a, b, c)) {
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(64 << 20);
            }
        }
        j.ok("pvcreate", a.toString());
        j.ok("vgcreate", "vg0", a.toString());
        j.ok("lvcreate", "-L", "40m", "-n", "lin", "vg0");
        j.ok("vgextend", "vg0", b.toString(), c.toString());
        j.ok("lvcreate", "-L", "60m", "-n", "big", "vg0");
        j.ok("vgreduce", "vg0", c.toString());
        j.ok("vgrename", "vg0", "vgr");
        try (RandomAccessFile f = new RandomAccessFile(a.toFile(), "rw")) {
            f.setLength(100 << 20);
        }
        j.ok("pvresize", a.toString());
        j.ok("lvextend", "-L", "+32m", "vgr/lin");
        compare(j, List.of(a, b, c), "vgr");
        // a damaged copy repaired by vgck --updatemetadata is good for the real lvm2 too
        VgVerbsErrorsTest.damageText(b);
        j.ok("vgck", "--updatemetadata", "vgr");
        compare(j, List.of(a, b, c), "vgr");
        // and the other way round: a VG lvm2 sees as renamed back by UUID, reduced to one PV
        String uuid = j.ok("vgs", "--noheadings", "-o", "vg_uuid", "vgr").rows().get(0);
        j.ok("vgrename", uuid, "vg9");
        j.ok("lvremove", "-y", "vg9/big");
        JlvmRunner.Result all = j.run("vgreduce", "-a", "vg9");
        assertEquals(5, all.rc(), all.toString());
        assertEquals("  Removed \"" + b + "\" from volume group \"vg9\"\n", all.out());
        assertEquals("  Physical volume \"" + a + "\" still in use\n", all.err());
        compare(j, List.of(a, b, c), "vg9");
    }

    private void compare(JlvmRunner j, List<Path> files, String vg) throws Exception {
        List<RealLvm2.Loop> loops = new ArrayList<>();
        try {
            for (Path f : files) {
                loops.add(RealLvm2.Loop.attach(f, true));
            }
            RealLvm2 lvm = new RealLvm2(loops.stream().map(l -> l.device).toList(), tmp);
            assertEquals(ours(j, "pvs", PV_FIELDS), theirs(lvm, loops, files, "pvs", PV_FIELDS));
            assertEquals(ours(j, "vgs", VG_FIELDS), theirs(lvm, loops, files, "vgs", VG_FIELDS));
            assertEquals(ours(j, "lvs", LV_FIELDS), theirs(lvm, loops, files, "lvs", LV_FIELDS));
            RealLvm2.Result vgck = lvm.lvm("vgck", vg);
            assertEquals(0, vgck.rc(), vgck.toString());
            assertEquals(List.of(), vgck.otherErrLines(), vgck.toString());
            for (RealLvm2.Loop l : loops) {
                RealLvm2.Result pvck = lvm.lvm("pvck", l.device);
                assertEquals(0, pvck.rc(), pvck.toString());
                assertEquals(List.of(), pvck.otherErrLines(), pvck.toString());
            }
        } finally {
            for (RealLvm2.Loop l : loops) {
                l.close();
            }
        }
    }

    private static List<String> ours(JlvmRunner j, String verb, String fields) {
        List<String> args = new ArrayList<>(List.of(verb, "-o", fields));
        args.addAll(List.of(BYTES));
        return j.ok(args.toArray(String[]::new)).rows().stream().sorted().toList();
    }

    private static List<String> theirs(RealLvm2 lvm, List<RealLvm2.Loop> loops, List<Path> files, String verb,
            String fields) throws Exception {
        List<String> args = new ArrayList<>(List.of("-o", fields));
        args.addAll(List.of(BYTES));
        RealLvm2.Result r = lvm.lvm(verb, args.toArray(String[]::new));
        assertEquals(0, r.rc(), r.toString());
        assertEquals(List.of(), r.otherErrLines(), r.toString());
        List<String> rows = new ArrayList<>();
        for (String line : r.out().lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            for (int i = 0; i < loops.size(); i++) {
                line = line.replace(loops.get(i).device + ":", files.get(i) + ":");
            }
            rows.add(line);
        }
        return rows.stream().sorted().toList();
    }
}
