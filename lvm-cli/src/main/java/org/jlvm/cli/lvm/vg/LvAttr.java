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

    /**
     * {@code attr} with the state, open and health characters of an LV the daemon holds: {@code a} active,
     * {@code o} open (an NBD client, or for a pool its active thin LVs); a pool's {@code _tdata}/{@code _tmeta} are
     * active and open while the pool is; {@code R} when a writable LV is exported read-only.
     */
    public static String withActivity(String attr, VolumeGroup vg, LogicalVolume lv, ActivePools.VgActivity live) {
        if (live.isEmpty()) {
            return attr;
        }
        char[] a = attr.toCharArray();
        ActivePools.LvActivity act = live.lvs().get(lv.name());
        Role role = role(vg, lv);
        if (act != null) {
            a[4] = 'a';
            a[5] = act.open() > 0 ? 'o' : '-';
            if (act.readOnly() && a[1] == 'w') {
                a[1] = 'R';
            }
        }
        if (role == Role.THIN_POOL && act != null && live.pools().containsKey(lv.name())) {
            boolean thinsActive = ThinPools.thinsOf(vg, lv.name()).stream()
                    .anyMatch(t -> live.lvs().containsKey(t.name()));
            a[5] = thinsActive ? 'o' : a[5];
            a[8] = live.pools().get(lv.name()).health();
        }
        if (role == Role.THIN_POOL_DATA || role == Role.THIN_POOL_METADATA) {
            for (LogicalVolume other : vg.lvs()) {
                ThinPoolSegment p = ThinPools.poolSegment(other);
                if (p != null && live.pools().containsKey(other.name())
                        && (p.poolLv().equals(lv.name()) || p.metadataLv().equals(lv.name()))) {
                    a[4] = 'a';
                    a[5] = 'o';
                }
            }
        }
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
