package org.jlvm.cli.lvm.vg;

import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;

/** What an LV is to lvm (a pool, its data or metadata, the spare, a thin LV), for the verbs that treat them apart. */
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
}
