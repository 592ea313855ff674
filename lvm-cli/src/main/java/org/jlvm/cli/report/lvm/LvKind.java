package org.jlvm.cli.report.lvm;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;

/**
 * What an LV is to lvm's report: the kind behind {@code lv_attr}'s first character, {@code lv_layout} and
 * {@code lv_role}, as lvm2 2.03.16 derives them for the LV types jlvm makes.
 */
enum LvKind {
    THIN_POOL, THIN_POOL_DATA, THIN_POOL_METADATA, POOL_METADATA_SPARE, THIN, PLAIN;

    static LvKind of(VgView vg, LogicalVolume lv) {
        if (lv.segments().get(0) instanceof ThinPoolSegment) {
            return THIN_POOL;
        }
        if (lv.segments().get(0) instanceof ThinSegment) {
            return THIN;
        }
        String pool = vg.poolOf(lv.name());
        if (pool != null) {
            ThinPoolSegment p = (ThinPoolSegment) vg.lv(pool).segments().get(0);
            return p.poolLv().equals(lv.name()) ? THIN_POOL_DATA : THIN_POOL_METADATA;
        }
        if (!lv.isVisible() && lv.name().endsWith("_pmspare")) {
            return POOL_METADATA_SPARE;
        }
        return PLAIN;
    }

    /** The 10 characters of {@code lv_attr}; {@code state} and {@code open} are the 5th and 6th. */
    static String attr(VgView vg, LogicalVolume lv, char state, char open) {
        LvKind kind = of(vg, lv);
        char[] a = "----------".toCharArray();
        a[0] = switch (kind) {
            case THIN_POOL -> 't';
            case THIN_POOL_DATA -> 'T';
            case THIN_POOL_METADATA, POOL_METADATA_SPARE -> 'e';
            case THIN -> 'V';
            case PLAIN -> vg.snapshotsOf(lv.name()).isEmpty() ? '-' : 'o';
        };
        a[1] = lv.status().contains("WRITE") ? 'w' : 'r';
        char policy = switch (lv.allocationPolicy() == null ? "inherit" : lv.allocationPolicy()) {
            case "contiguous" -> 'c';
            case "cling", "cling_by_tags" -> 'l';
            case "normal" -> 'n';
            case "anywhere" -> 'a';
            default -> 'i';
        };
        a[2] = lv.status().contains("LOCKED") ? Character.toUpperCase(policy) : policy;
        a[3] = lv.status().contains("FIXED_MINOR") ? 'm' : '-';
        a[4] = state;
        a[5] = open;
        if (kind == THIN_POOL || kind == THIN) {
            a[6] = 't';
            ThinPoolSegment p = kind == THIN_POOL ? (ThinPoolSegment) lv.segments().get(0) : poolOf(vg, lv);
            a[7] = p != null && p.zeroNewBlocks() ? 'z' : '-';
        }
        a[9] = lv.flags().contains("ACTIVATION_SKIP") ? 'k' : '-';
        return new String(a);
    }

    /** The pool segment of a thin LV's pool, or null. */
    static ThinPoolSegment poolOf(VgView vg, LogicalVolume thin) {
        ThinSegment t = (ThinSegment) thin.segments().get(0);
        LogicalVolume pool = vg.lv(t.thinPool());
        return pool != null && pool.segments().get(0) instanceof ThinPoolSegment p ? p : null;
    }

    static List<String> layout(VgView vg, LogicalVolume lv) {
        return switch (of(vg, lv)) {
            case THIN_POOL -> List.of("thin", "pool");
            case THIN -> List.of("thin", "sparse");
            default -> lv.segments().get(0) instanceof StripedSegment s && s.stripes().size() > 1
                ? List.of("striped") : List.of("linear");
        };
    }

    static List<String> role(VgView vg, LogicalVolume lv) {
        List<String> r = new ArrayList<>();
        switch (of(vg, lv)) {
            case THIN_POOL -> r.add("private");
            case THIN_POOL_DATA -> r.addAll(List.of("private", "thin", "pool", "data"));
            case THIN_POOL_METADATA -> r.addAll(List.of("private", "thin", "pool", "metadata"));
            case POOL_METADATA_SPARE -> r.addAll(List.of("private", "pool", "spare"));
            case THIN -> {
                r.add("public");
                ThinSegment t = (ThinSegment) lv.segments().get(0);
                if (!vg.snapshotsOf(lv.name()).isEmpty()) {
                    r.addAll(List.of("origin", "thinorigin"));
                }
                if (t.origin() != null || t.externalOrigin() != null) {
                    r.addAll(List.of("snapshot", "thinsnapshot"));
                }
            }
            case PLAIN -> {
                r.add("public");
                if (!vg.snapshotsOf(lv.name()).isEmpty()) {
                    r.addAll(List.of("origin", "extthinorigin"));
                }
            }
        }
        return r;
    }
}
