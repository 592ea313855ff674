package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.RealLvm2;
import org.jlvm.pool.testing.RealThinTools;

/**
 * The real tools' view of a VG that jlvm wrote on PV files: the real lvm2 on read-only loop devices (activation
 * off, no devices file) must list exactly what jlvm lists, without a warning, and accept it in vgck; the real
 * thin_check (0.9.0 and 1.1.0) must accept every pool's metadata cut out at the extents jlvm's
 * {@code seg_pe_ranges} gives for its {@code _tmeta}.
 */
final class RealLvmOracle {
    static final String FIELDS = "lv_name,lv_attr,lv_size,pool_lv,origin,thin_id,transaction_id,seg_pe_ranges";
    static final String VG_FIELDS = "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free,vg_extent_size,"
            + "vg_extent_count,vg_free_count,vg_seqno";
    static final String PV_FIELDS = "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pe_start,pv_pe_count,"
            + "pv_pe_alloc_count,dev_size";

    private final JlvmRunner jlvm;
    private final List<Path> pvs;
    private final Path work;

    RealLvmOracle(JlvmRunner jlvm, List<Path> pvs, Path work) {
        this.jlvm = jlvm;
        this.pvs = List.copyOf(pvs);
        this.work = work;
    }

    /** jlvm's {@code lvs -a -o FIELDS} of {@code vg}, in bytes, ':' between the columns. */
    List<String> ours(String vg) {
        return jlvm.ok("lvs", "-a", "-o", FIELDS, "--units", "b", "--nosuffix", "--noheadings", "--separator", ":",
                vg).rows();
    }

    /**
     * Asserts that the real lvm2 lists {@code vg}'s LVs (FIELDS), the VG (sizes, free and extent counts, seqno)
     * and its PVs (sizes, free, allocated extents) as jlvm does, and that its vgck passes; returns jlvm's lvs rows.
     */
    List<String> assertLvm2Agrees(String vg, String context) throws IOException, InterruptedException {
        List<String> ours = ours(vg);
        List<RealLvm2.Loop> loops = new ArrayList<>();
        try {
            Map<String, Path> names = new LinkedHashMap<>();
            for (Path p : pvs) {
                RealLvm2.Loop l = RealLvm2.Loop.attach(p, true);
                loops.add(l);
                names.put(l.device, p);
            }
            RealLvm2 lvm = new RealLvm2(List.copyOf(names.keySet()), work);
            List<String> theirs = new ArrayList<>();
            for (String line : report(lvm, names, context, "lvs", "-a", "-o", FIELDS, vg)) {
                // activation off: lvm2's state and open characters are X, jlvm's '-' (nothing is active)
                int attr = line.indexOf(':') + 1;
                theirs.add(line.substring(0, attr + 4) + line.substring(attr + 4, attr + 6).replace('X', '-')
                        + line.substring(attr + 6));
            }
            assertEquals(theirs, ours, context);
            assertEquals(report(lvm, names, context, "vgs", "-o", VG_FIELDS, vg),
                    jlvm.ok("vgs", "-o", VG_FIELDS, "--units", "b", "--nosuffix", "--noheadings", "--separator", ":",
                            vg).rows(), context);
            // the loop devices sort differently from the files: compare the PVs in file order
            assertEquals(sorted(report(lvm, names, context, "pvs", "-o", PV_FIELDS)),
                    sorted(jlvm.ok("pvs", "-o", PV_FIELDS, "--units", "b", "--nosuffix", "--noheadings",
                            "--separator", ":").rows()), context);
            RealLvm2.Result vgck = lvm.lvm("vgck", vg);
            assertEquals(0, vgck.rc(), context + vgck);
            assertEquals(List.of(), vgck.otherErrLines(), context + vgck);
        } finally {
            for (RealLvm2.Loop l : loops) {
                l.close();
            }
        }
        return ours;
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    /** A report of the real lvm2 in bytes, ':' between the columns, the loop devices named by their files. */
    private static List<String> report(RealLvm2 lvm, Map<String, Path> names, String context, String verb,
            String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--units", "b", "--nosuffix", "--noheadings", "--separator", ":"));
        all.addAll(List.of(args));
        RealLvm2.Result r = lvm.lvm(verb, all.toArray(String[]::new));
        assertEquals(0, r.rc(), context + r);
        assertEquals(List.of(), r.otherErrLines(), context + r);
        List<String> rows = new ArrayList<>();
        for (String line : r.out().lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            for (Map.Entry<String, Path> n : names.entrySet()) {
                line = line.replace(n.getKey() + ":", n.getValue() + ":");
            }
            rows.add(line);
        }
        return rows;
    }

    /** The real thin_check on every pool's metadata, cut out of the PV files at its {@code _tmeta} ranges. */
    void assertThinCheckAccepts(List<String> ours, long extentBytes, long peStartBytes, String context)
            throws IOException {
        Map<String, List<String>> tmetaRanges = new LinkedHashMap<>();
        for (String row : ours) {
            String name = row.substring(0, row.indexOf(':'));
            if (name.matches("\\[\\w+_tmeta\\]")) {
                String range = row.substring(row.lastIndexOf(':', row.lastIndexOf(':') - 1) + 1);
                tmetaRanges.computeIfAbsent(name, k -> new ArrayList<>()).add(range);
            }
        }
        for (Map.Entry<String, List<String>> t : tmetaRanges.entrySet()) {
            Path cut = work.resolve("tmeta.bin");
            try (RandomAccessFile out = new RandomAccessFile(cut.toFile(), "rw")) {
                out.setLength(0);
                for (String range : t.getValue()) {     // PATH:FIRST-LAST
                    int colon = range.lastIndexOf(':');
                    String[] pe = range.substring(colon + 1).split("-");
                    copyExtents(Path.of(range.substring(0, colon)), Long.parseLong(pe[0]), Long.parseLong(pe[1]),
                            extentBytes, peStartBytes, out);
                }
            }
            RealThinTools.Run check = RealThinTools.checkAll(cut);
            assertEquals(0, check.rc(), context + t.getKey() + " at " + t.getValue() + ":\n" + check.stdout());
        }
    }

    private static void copyExtents(Path pv, long first, long last, long extentBytes, long peStartBytes,
            RandomAccessFile out) throws IOException {
        byte[] buf = new byte[(int) extentBytes];
        try (RandomAccessFile in = new RandomAccessFile(pv.toFile(), "r")) {
            for (long pe = first; pe <= last; pe++) {
                in.seek(peStartBytes + pe * extentBytes);
                in.readFully(buf);
                out.write(buf);
            }
        }
    }
}
