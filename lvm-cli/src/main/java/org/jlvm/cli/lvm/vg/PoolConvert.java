package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;

/**
 * lvm2 2.03.16's {@code lvconvert --type thin-pool VG/LV [--poolmetadata VG/META]} ({@code _lvconvert_to_pool}):
 * the LV keeps its name and becomes the pool, its extents become {@code LV_tdata}; the metadata is the given LV
 * (renamed {@code LV_tmeta}) or a new one sized as lvcreate sizes it; the spare follows. The metadata is wiped and
 * formatted (lvm leaves that to the kernel's first activation); the data LV's content is no longer reachable.
 */
public final class PoolConvert {
    private final VgSession s;
    private final Messages msg;

    public PoolConvert(VgSession s, Messages msg) {
        this.s = s;
        this.msg = msg;
    }

    /** Converts {@code name}; {@code ask} is lvm's question (answered yes under {@code -y}). */
    public void toThinPool(String name, String metadataName, LvOps.PoolOptions o, Predicate<String> ask)
            throws IOException {
        VolumeGroup vg = s.vg();
        LogicalVolume lv = s.lv(name);
        checkConvertible(vg, lv);
        LogicalVolume meta = null;
        if (metadataName != null) {
            meta = vg.lv(metadataName).orElseThrow(() -> LvmError.failed("Unknown pool metadata LV " + metadataName
                    + "."));
            if (meta.name().equals(lv.name())) {
                throw LvmError.failed("Can't use same LV for pool data and metadata LV " + display(meta) + ".");
            }
            if (!meta.isVisible()) {
                throw LvmError.failed("Can't convert internal LV " + display(meta) + ".");
            }
            if (LvAttr.role(vg, meta) != LvAttr.Role.PLAIN) {
                throw LvmError.failed("Pool metadata LV " + display(meta) + " is of an unsupported type.");
            }
        }
        String dataName = name + "_tdata";
        String metaName = name + "_tmeta";
        for (String n : List.of(dataName, metaName)) {
            if (vg.lv(n).isPresent()) {
                throw LvmError.failed("Logical Volume \"" + n + "\" already exists in volume group \"" + vg.name()
                        + "\"");
            }
        }
        Long metaSectors = meta != null ? Long.valueOf(meta.extentCount() * vg.extentSize()) : o.metadataSectors();
        ThinPools.PoolParams pp = ThinPools.params(lv.extentCount(), vg.extentSize(), o.chunkSectors(), metaSectors,
                msg::warn);
        msg.print("Thin pool volume with chunk size " + Units.display(pp.chunkSectors() * 512)
                + " can address at most " + Units.display(pp.maxDataSectors() * 512) + " of data.");
        if (meta != null && pp.metadataExtents() > meta.extentCount()) {
            throw LvmError.failed("Pool metadata LV " + display(meta) + " is too small (" + meta.extentCount()
                    + " extents) for required metadata (" + pp.metadataExtents() + " extents).");
        }
        String names = display(lv) + (meta != null ? " and " + display(meta) : "");
        msg.warn("WARNING: Converting " + names + " to thin pool's data" + (meta != null ? " and metadata volumes"
                : " volume") + " with metadata wiping.");
        msg.warn("THIS WILL DESTROY CONTENT OF LOGICAL VOLUME (filesystem etc.)");
        if (!ask.test("Do you really want to convert " + names + "?")) {
            throw LvmError.failed("Conversion aborted.");
        }
        List<LogicalVolume> lvs = new ArrayList<>();
        LogicalVolume tmeta;
        if (meta == null) {
            tmeta = LvOps.newLv(metaName, false, List.of(), Allocator.segments(0,
                    new Allocator(vg).allocate(pp.metadataExtents())));
        } else {
            tmeta = hidden(meta, metaName);
        }
        for (LogicalVolume l : vg.lvs()) {
            if (l.name().equals(name)) {
                lvs.add(hidden(l, dataName));
            } else if (meta == null || !l.name().equals(meta.name())) {
                lvs.add(l);
            }
        }
        boolean zero = o.zero() == null || o.zero();
        String discards = o.discards() == null ? "passdown" : o.discards();
        lvs.add(LvOps.newLv(name, true, List.of(), List.of(new ThinPoolSegment(0, lv.extentCount(), metaName,
                dataName, 0, pp.chunkSectors(), discards, zero, null, List.of()))));
        lvs.add(tmeta);
        VolumeGroup next = vg.withLvs(lvs);
        if (o.spare()) {
            next = ResizePlan.withSpare(next, tmeta.extentCount());
        }
        ThinPools.format(s, tmeta, pp.chunkSectors(), lv.extentCount() * vg.extentSize());
        s.commit(next);
        msg.print("Converted " + names + " to thin pool.");
    }

    private String display(LogicalVolume lv) {
        return s.vg().name() + "/" + lv.name();
    }

    /** lvm's LV type check of the command definitions: only linear (striped) LVs become pools. */
    private void checkConvertible(VolumeGroup vg, LogicalVolume lv) {
        LvAttr.Role role = LvAttr.role(vg, lv);
        if (role == LvAttr.Role.PLAIN && lv.isVisible()) {
            return;
        }
        String type = switch (role) {
            case THIN_POOL -> "thinpool";
            case THIN -> "thin";
            case THIN_POOL_DATA -> "thinpool_data";
            case THIN_POOL_METADATA -> "thinpool_metadata";
            case POOL_METADATA_SPARE -> "pool_metadata_spare";
            case PLAIN -> "linear";
        };
        throw LvmError.failed("Command on LV " + display(lv) + " does not accept LV type " + type + ".",
                "Command not permitted on LV " + display(lv) + ".");
    }

    private static LogicalVolume hidden(LogicalVolume lv, String newName) {
        List<String> status = lv.status().stream().filter(x -> !x.equals("VISIBLE")).toList();
        return new LogicalVolume(newName, lv.id(), status, lv.flags(), lv.tags(), lv.creationTime(),
                lv.creationHost(), lv.allocationPolicy(), lv.readAhead(), lv.segments());
    }
}
