package org.jlvm.cli.report.lvm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.vg.Allocator;

/**
 * One VG as its reports see it: the metadata, where its PVs are, and what is derived once for all rows (free
 * extents, who uses which sub-LV, snapshot trees, the pools' usage).
 */
public final class VgView {
    private final VolumeGroup vg;
    private final List<PhysicalVolumeFile> files;
    private final LiveState live;
    private final int missingPvs;
    private final Function<String, String> pvPath;
    private final PoolUsage usage;
    private final Allocator allocator;
    private final Map<String, LogicalVolume> byName = new HashMap<>();
    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, Long> thinCount = new HashMap<>();

    /**
     * @param files the PV files found, in metadata order
     * @param missingPvs PVs the metadata lists that were not found
     * @param pvPath the device path of a PV by its metadata name ({@code pv0})
     * @param usage the pools' usage (Data%, Meta%, sharing), read when first asked for
     * @param live what is active (the state characters of {@code lv_attr}, live percentages)
     */
    public VgView(VolumeGroup vg, List<PhysicalVolumeFile> files, int missingPvs, Function<String, String> pvPath,
            PoolUsage usage, LiveState live) {
        this.vg = vg;
        this.files = List.copyOf(files);
        this.live = live;
        this.missingPvs = missingPvs;
        this.pvPath = pvPath;
        this.usage = usage;
        this.allocator = new Allocator(vg);
        for (LogicalVolume lv : vg.lvs()) {
            byName.put(lv.name(), lv);
            if (lv.segments().get(0) instanceof ThinPoolSegment p) {
                parent.put(p.poolLv(), lv.name());
                parent.put(p.metadataLv(), lv.name());
            } else if (lv.segments().get(0) instanceof ThinSegment t) {
                thinCount.merge(t.thinPool(), 1L, Long::sum);
                String origin = t.origin() != null ? t.origin() : t.externalOrigin();
                if (origin != null) {
                    children.computeIfAbsent(origin, k -> new ArrayList<>()).add(lv.name());
                }
            }
        }
    }

    public VolumeGroup vg() {
        return vg;
    }

    public String name() {
        return vg.name();
    }

    List<PhysicalVolumeFile> files() {
        return files;
    }

    LiveState live() {
        return live;
    }

    int missingPvs() {
        return missingPvs;
    }

    long extentBytes() {
        return vg.extentSize() * 512;
    }

    String pvPath(String pvName) {
        return pvPath.apply(pvName);
    }

    PoolUsage usage() {
        return usage;
    }

    LogicalVolume lv(String name) {
        return byName.get(name);
    }

    /** The pool whose {@code _tdata} or {@code _tmeta} this LV is, or null. */
    String poolOf(String lvName) {
        return parent.get(lvName);
    }

    /** The thin snapshots (and thin LVs with this external origin) taken directly of an LV. */
    List<String> snapshotsOf(String lvName) {
        return children.getOrDefault(lvName, List.of());
    }

    long thinCount(String pool) {
        return thinCount.getOrDefault(pool, 0L);
    }

    long totalExtents() {
        return vg.pvs().stream().mapToLong(PhysicalVolume::peCount).sum();
    }

    long freeExtents() {
        return allocator.freeExtents();
    }

    long freeExtents(String pvName) {
        return allocator.freeExtents(pvName);
    }
}
