package org.jlvm.tools.rmap;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ThinPool;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.ir.TreeWalker;

/** thin_rmap (0.9.0): which devices' virtual blocks map the given data-block regions. */
public final class ThinRmap {
    private ThinRmap() {
    }

    /** A half-open region of data blocks. */
    public record Region(long begin, long end) {
        boolean contains(long b) {
            return Long.compareUnsigned(b, begin) >= 0 && Long.compareUnsigned(b, end) < 0;
        }
    }

    /** Parses {@code B..E}; 0.9.0's messages for malformed input. */
    public static Region parseRegion(String s) throws ToolException {
        int i = s.indexOf("..");
        if (i < 0) {
            throw new ToolException("badly formed region (no dots)");
        }
        try {
            long b = Long.parseUnsignedLong(s.substring(0, i));
            long e = Long.parseUnsignedLong(s.substring(i + 2));
            if (Long.compareUnsigned(e, b) < 0) {
                throw new ToolException("badly formed region (end < begin)");
            }
            return new Region(b, e);
        } catch (NumberFormatException ex) {
            throw new ToolException("badly formed region (not a number)");
        }
    }

    private static final class Damaged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Damaged() {
            super(null, null, false, false);
        }
    }

    static final String DAMAGE = "Damage in mapping tree, please run thin_check.";

    private record Run(long d, long dev, long v, long len) {
    }

    public static String rmap(MetadataFile f, List<Region> regions) throws ToolException {
        ThinPool pool = ThinPool.open(f, null);
        List<Run> runs = new ArrayList<>();
        // One walk of the whole two-level tree, each block visited once: like 0.9.0, a subtree shared by
        // several devices (snapshots) is reported only for the first device that reaches it.
        long[] cur = new long[4];
        try {
            new TreeWalker(f, 2, 8, null, (path, n) -> {
                long dev = path[0];
                for (int i = 0; i < n.nr(); i++) {
                    long v = n.key(i);
                    long d = n.value64(i) >>> 24;
                    boolean in = false;
                    for (Region r : regions) {
                        if (r.contains(d)) {
                            in = true;
                            break;
                        }
                    }
                    if (!in) {
                        continue;
                    }
                    if (cur[2] > 0 && cur[3] == dev && v == cur[1] + cur[2] && d == cur[0] + cur[2]) {
                        cur[2]++;
                        continue;
                    }
                    if (cur[2] > 0) {
                        runs.add(new Run(cur[0], cur[3], cur[1], cur[2]));
                    }
                    cur[0] = d;
                    cur[1] = v;
                    cur[2] = 1;
                    cur[3] = dev;
                }
            }, (path, b, e, desc) -> {
                throw new Damaged();
            }).walk(pool.superblock().dataMappingRoot());
        } catch (Damaged e) {
            throw new ToolException(DAMAGE);
        }
        if (cur[2] > 0) {
            runs.add(new Run(cur[0], cur[3], cur[1], cur[2]));
        }
        StdSort.sort(runs, (x, y) -> Long.compareUnsigned(x.d(), y.d()));
        StringBuilder sb = new StringBuilder();
        for (Run r : runs) {
            sb.append("data ").append(u(r.d())).append("..").append(u(r.d() + r.len())).append(" -> thin(")
                    .append(u(r.dev())).append(") ").append(u(r.v())).append("..").append(u(r.v() + r.len()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }
}
