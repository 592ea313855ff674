package org.jlvm.cli.lvm.vg;

import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;

/** The attribute strings of lvs/vgs/pvs (lvm's lv_attr, vg_attr, pv_attr) for inactive LVs. */
public final class LvAttr {
    private LvAttr() {
    }

    /** What an LV is to lvm. */
    public enum Role { THIN_POOL, THIN_POOL_DATA, THIN_POOL_METADATA, POOL_METADATA_SPARE, THIN, PLAIN }

    public static Role role(VolumeGroup vg, LogicalVolume lv) {
        if (ThinPools.poolSegment(lv) != null) {
            return Role.THIN_POOL;
        }
        if (ThinPools.thinSegment(lv) != null) {
            return Role.THIN;
        }
        for (LogicalVolume other : vg.lvs()) {
            ThinPoolSegment p = ThinPools.poolSegment(other);
            if (p != null && p.poolLv().equals(lv.name())) {
                return Role.THIN_POOL_DATA;
            }
            if (p != null && p.metadataLv().equals(lv.name())) {
                return Role.THIN_POOL_METADATA;
            }
        }
        if (!lv.isVisible() && lv.name().endsWith("_pmspare")) {
            return Role.POOL_METADATA_SPARE;
        }
        return Role.PLAIN;
    }

    /** The 10 characters; state and open are {@code -} (nothing is active). */
    public static String lvAttr(VolumeGroup vg, LogicalVolume lv) {
        Role role = role(vg, lv);
        char[] a = "----------".toCharArray();
        a[0] = switch (role) {
            case THIN_POOL -> 't';
            case THIN_POOL_DATA -> 'T';
            case THIN_POOL_METADATA, POOL_METADATA_SPARE -> 'e';
            case THIN -> 'V';
            case PLAIN -> '-';
        };
        a[1] = lv.status().contains("WRITE") ? 'w' : 'r';
        a[2] = lv.allocationPolicy() == null ? 'i' : switch (lv.allocationPolicy()) {
            case "contiguous" -> 'c';
            case "cling", "cling_by_tags" -> 'l';
            case "normal" -> 'n';
            case "anywhere" -> 'a';
            default -> 'i';
        };
        a[3] = lv.status().contains("FIXED_MINOR") ? 'm' : '-';
        if (role == Role.THIN_POOL) {
            a[6] = 't';
            a[7] = ThinPools.poolSegment(lv).zeroNewBlocks() ? 'z' : '-';
        } else if (role == Role.THIN) {
            a[6] = 't';
            ThinSegment t = ThinPools.thinSegment(lv);
            ThinPoolSegment p = vg.lv(t.thinPool()).map(ThinPools::poolSegment).orElse(null);
            a[7] = p != null && p.zeroNewBlocks() ? 'z' : '-';
        }
        a[9] = lv.flags().contains("ACTIVATION_SKIP") ? 'k' : '-';
        return new String(a);
    }

    public static String vgAttr(VolumeGroup vg, boolean partial) {
        char[] a = "------".toCharArray();
        a[0] = vg.status().contains("WRITE") ? 'w' : 'r';
        a[1] = vg.status().contains("RESIZEABLE") ? 'z' : '-';
        a[2] = vg.status().contains("EXPORTED") ? 'x' : '-';
        a[3] = partial ? 'p' : '-';
        a[4] = vg.allocationPolicy() == null ? 'n' : vg.allocationPolicy().charAt(0);
        return new String(a);
    }
}
