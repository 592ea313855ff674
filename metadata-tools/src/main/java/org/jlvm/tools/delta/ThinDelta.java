package org.jlvm.tools.delta;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ThinPool;
import org.jlvm.tools.ir.ToolException;

/** thin_delta (0.9.0): the differences between two devices' mappings, as XML. */
public final class ThinDelta {
    private ThinDelta() {
    }

    /** A run: virtual blocks [v, v+len) mapped to data [d, d+len). */
    private record Run(long v, long d, long len) {
    }

    /** A stretch of the comparison; {@code rd} only for "different". */
    private record Stretch(String kind, long v, long d, long rd, long len) {
    }

    /** The output of {@code thin_delta}; {@code metadataSnap} null = live, 0 = the held snapshot. */
    public static String delta(MetadataFile f, Long metadataSnap, long left, long right, boolean verbose)
            throws ToolException {
        ThinPool pool = ThinPool.open(f, metadataSnap);
        Long lroot = pool.lookupRoot(left);
        if (lroot == null) {
            throw new ToolException("Unable to find mapping tree for snap1 (" + Long.toUnsignedString(left) + ")");
        }
        Long rroot = pool.lookupRoot(right);
        if (rroot == null) {
            throw new ToolException("Unable to find mapping tree for snap2 (" + Long.toUnsignedString(right) + ")");
        }
        List<Run> l = runs(pool, lroot);
        List<Run> r = runs(pool, rroot);
        List<Stretch> st = compare(l, r);

        SuperblockInfo sb = pool.info();
        StringBuilder out = new StringBuilder();
        out.append("<superblock uuid=\"\" time=\"").append(u(sb.time())).append("\" transaction=\"")
                .append(u(sb.transaction())).append("\" data_block_size=\"").append(u(sb.dataBlockSize()))
                .append("\" nr_data_blocks=\"").append(u(sb.nrDataBlocks()))
                .append(sb.metadataSnap() == null ? "" : "\" metadata_snap=\"" + u(sb.metadataSnap())).append("\">\n");
        out.append("  <diff left=\"").append(u(left)).append("\" right=\"").append(u(right)).append("\">\n");
        if (verbose) {
            String open = null;
            for (Stretch s : st) {
                if (!s.kind().equals(open)) {
                    if (open != null) {
                        out.append("    </").append(open).append(">\n");
                    }
                    open = s.kind();
                    out.append("    <").append(open).append(">\n");
                }
                out.append("      <range begin=\"").append(u(s.v()));
                if (s.kind().equals("different")) {
                    out.append("\" left_data_begin=\"").append(u(s.d())).append("\" right_data_begin=\"")
                            .append(u(s.rd()));
                } else {
                    out.append("\" data_begin=\"").append(u(s.d()));
                }
                out.append("\" length=\"").append(u(s.len())).append("\"/>\n");
            }
            if (open != null) {
                out.append("    </").append(open).append(">\n");
            }
        } else {
            String kind = null;
            long b = 0;
            long len = 0;
            for (Stretch s : st) {
                if (s.kind().equals(kind) && b + len == s.v()) {
                    len += s.len();
                    continue;
                }
                if (kind != null) {
                    terse(out, kind, b, len);
                }
                kind = s.kind();
                b = s.v();
                len = s.len();
            }
            if (kind != null) {
                terse(out, kind, b, len);
            }
        }
        out.append("  </diff>\n</superblock>\n");
        return out.toString();
    }

    private static void terse(StringBuilder out, String kind, long b, long len) {
        out.append("    <").append(kind).append(" begin=\"").append(u(b)).append("\" length=\"").append(u(len))
                .append("\"/>\n");
    }

    private static List<Run> runs(ThinPool pool, long root) throws ToolException {
        List<Run> out = new ArrayList<>();
        long[] cur = new long[3];
        pool.mappings(root, (v, d, t) -> {
            if (cur[2] > 0 && v == cur[0] + cur[2] && d == cur[1] + cur[2]) {
                cur[2]++;
                return;
            }
            if (cur[2] > 0) {
                out.add(new Run(cur[0], cur[1], cur[2]));
            }
            cur[0] = v;
            cur[1] = d;
            cur[2] = 1;
        }, "damage in mapping tree, please run thin_check");
        if (cur[2] > 0) {
            out.add(new Run(cur[0], cur[1], cur[2]));
        }
        return out;
    }

    private static List<Stretch> compare(List<Run> ls, List<Run> rs) {
        List<Stretch> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        Run l = ls.isEmpty() ? null : ls.get(0);
        Run r = rs.isEmpty() ? null : rs.get(0);
        while (l != null || r != null) {
            if (r == null || (l != null && Long.compareUnsigned(l.v(), r.v()) < 0)) {
                long end = r == null ? l.v() + l.len() : Math.min(l.v() + l.len(), r.v());
                long n = end - l.v();
                out.add(new Stretch("left_only", l.v(), l.d(), 0, n));
                l = n == l.len() ? (++i < ls.size() ? ls.get(i) : null) : new Run(l.v() + n, l.d() + n, l.len() - n);
            } else if (l == null || Long.compareUnsigned(r.v(), l.v()) < 0) {
                long end = l == null ? r.v() + r.len() : Math.min(r.v() + r.len(), l.v());
                long n = end - r.v();
                out.add(new Stretch("right_only", r.v(), r.d(), 0, n));
                r = n == r.len() ? (++j < rs.size() ? rs.get(j) : null) : new Run(r.v() + n, r.d() + n, r.len() - n);
            } else {
                long n = Math.min(l.len(), r.len());
                out.add(l.d() == r.d() ? new Stretch("same", l.v(), l.d(), 0, n)
                        : new Stretch("different", l.v(), l.d(), r.d(), n));
                l = n == l.len() ? (++i < ls.size() ? ls.get(i) : null) : new Run(l.v() + n, l.d() + n, l.len() - n);
                r = n == r.len() ? (++j < rs.size() ? rs.get(j) : null) : new Run(r.v() + n, r.d() + n, r.len() - n);
            }
        }
        return out;
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }
}
