package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;

/**
 * {@code lvconvert --swapmetadata --poolmetadata VG/META VG/POOL} (and {@code lvconvert --thinpool VG/POOL
 * --poolmetadata VG/META} of an existing pool), as lvm swaps pool metadata: the linear LV {@code META} becomes the
 * pool's hidden {@code POOL_tmeta} and the old metadata LV takes {@code META}'s name, visible, to be inspected or
 * repaired by hand (thin_repair, thin_restore) and swapped back. Only the VG metadata changes; nothing is copied.
 */
public final class MetadataSwap {
    private final VgSession s;
    private final Messages msg;

    public MetadataSwap(VgSession s, Messages msg) {
        this.s = s;
        this.msg = msg;
    }

    /**
     * Swaps; {@code ask} answers lvm's question (true = yes).
     *
     * @throws LvmError with lvm's messages when the LVs do not fit, the pool is active, or the answer is no
     */
    public void swap(String poolName, String metaName, Predicate<String> ask) throws IOException {
        VolumeGroup vg = s.vg();
        LogicalVolume pool = s.lv(poolName);
        ThinPoolSegment seg = ThinPools.poolSegment(pool);
        LogicalVolume meta = vg.lv(metaName).orElseThrow(() -> LvmError.failed("Unknown pool metadata LV "
                + vg.name() + "/" + metaName + "."));
        if (seg == null) {
            throw LvmError.failed("Logical volume " + display(pool) + " is not a thin pool.");
        }
        if (!meta.isVisible()) {
            throw LvmError.failed("Can't convert internal LV " + display(meta) + ".");
        }
        LvAttr.Role role = LvAttr.role(vg, meta);
        if (role != LvAttr.Role.PLAIN) {
            String type = role == LvAttr.Role.THIN ? "thin" : role == LvAttr.Role.THIN_POOL ? "thinpool" : "unknown";
            throw LvmError.failed("LV " + display(meta) + " with type " + type + " cannot be used as a metadata LV.");
        }
        if (s.activity().pools().containsKey(poolName)) {
            throw LvmError.failed("Cannot convert pool " + display(pool) + " with active volumes.");
        }
        if (s.activity().lvs().containsKey(metaName)) {
            throw LvmError.failed("Aborting. Failed to deactivate " + display(meta) + ".");
        }
        if (!ask.test("Do you want to swap metadata of " + display(pool) + " pool with metadata volume "
                + display(meta) + "?")) {
            throw LvmError.failed("Conversion aborted.");
        }
        if (s.settings().testMode()) {
            return;
        }
        LogicalVolume tmeta = s.lv(seg.metadataLv());
        LogicalVolume newTmeta = renamed(meta, tmeta.name(), false);
        LogicalVolume oldTmeta = renamed(tmeta, meta.name(), true);
        List<LogicalVolume> lvs = new ArrayList<>();
        for (LogicalVolume l : vg.lvs()) {
            lvs.add(l.name().equals(meta.name()) ? oldTmeta : l.name().equals(tmeta.name()) ? newTmeta : l);
        }
        s.commit(vg.withLvs(lvs));
        new LvOps(s, msg).overprovisionWarnings(null);
    }

    /** {@code lv} under {@code name}, visible or hidden. */
    static LogicalVolume renamed(LogicalVolume lv, String name, boolean visible) {
        List<String> status = new ArrayList<>(lv.status().stream().filter(x -> !x.equals("VISIBLE")).toList());
        if (visible) {
            status.add("VISIBLE");
        }
        return new LogicalVolume(name, lv.id(), status, lv.flags(), lv.tags(), lv.creationTime(), lv.creationHost(),
                lv.allocationPolicy(), lv.readAhead(), lv.segments());
    }

    private String display(LogicalVolume lv) {
        return s.vg().name() + "/" + lv.name();
    }
}
