package org.jlvm.cli.report.lvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.VgSession;

/**
 * What {@code lvs}, {@code vgs} and {@code pvs} report on: the devices file's PVs opened read-only and scanned
 * once, the VGs on them as {@link VgView}s (pool metadata read from the same open files), and the rows.
 */
public final class ReportSource implements AutoCloseable {
    private final PvSet set;
    private final LiveState live;

    private ReportSource(PvSet set, LiveState live) {
        this.set = set;
        this.live = live;
    }

    /** Opens and scans the PVs of the devices file under {@code home}. */
    public static ReportSource open(LvmHome home, LiveState live) throws IOException {
        return new ReportSource(PvSet.open(home, false), live);
    }

    /** The VG of this name, if its PVs are here. */
    public Optional<VgView> vg(String name) {
        return set.scan().vg(name).map(this::view);
    }

    /** All VGs, by name. */
    public List<VgView> vgs() {
        List<VgView> out = new ArrayList<>();
        for (VolumeGroupScan.Found f : set.scan().vgs().values()) {
            out.add(view(f));
        }
        out.sort(Comparator.comparing(VgView::name));
        return out;
    }

    private VgView view(VolumeGroupScan.Found f) {
        VolumeGroup vg = f.metadata().vg();
        List<PhysicalVolumeFile> files = f.pvs();
        PoolUsage usage = new PoolUsage(pool -> {
            ThinPoolSegment p = (ThinPoolSegment) pool.segments().get(0);
            LogicalVolume tmeta = vg.lv(p.metadataLv()).orElseThrow(() -> new IOException("no " + p.metadataLv()));
            return VgSession.lvDevice(vg, tmeta, set, files);
        });
        return new VgView(vg, files, f.missing().size(), pvName -> pvPath(vg, files, pvName), usage, live);
    }

    private String pvPath(VolumeGroup vg, List<PhysicalVolumeFile> files, String pvName) {
        PhysicalVolume pv = vg.pv(pvName).orElse(null);
        if (pv == null) {
            return pvName;
        }
        for (PhysicalVolumeFile file : files) {
            if (file.label().pvUuid().equals(pv.id())) {
                return set.of(file).path().toString();
            }
        }
        return pv.device();
    }

    /**
     * The rows of one VG's LVs in metadata order: the named ones ({@code names} empty: all visible ones, with
     * {@code all} the hidden ones too), one row per segment with {@code segments}.
     */
    public static List<LvRow> lvRows(VgView vg, List<String> names, boolean all, boolean segments) {
        List<LvRow> rows = new ArrayList<>();
        for (LogicalVolume lv : vg.vg().lvs()) {
            if (names.isEmpty() ? !(all || lv.isVisible()) : !names.contains(lv.name())) {
                continue;
            }
            if (!segments) {
                rows.add(new LvRow(vg, lv, null));
                continue;
            }
            for (Segment s : lv.segments()) {
                rows.add(new LvRow(vg, lv, s));
            }
        }
        return rows;
    }

    /** The PV at this path, if it is one of the devices file's PVs. */
    public boolean hasPv(Path path) {
        return set.byPath(path).isPresent();
    }

    /** One row per PV ({@code only} empty: all), one per PV segment with {@code segments}. */
    public List<PvRow> pvRows(List<Path> only, boolean segments) {
        List<VgView> views = vgs();
        List<PvRow> rows = new ArrayList<>();
        for (PvSet.Opened o : set.all()) {
            if (!only.isEmpty() && !only.contains(o.path())) {
                continue;
            }
            VgView vg = set.vgOf(o).flatMap(n -> views.stream().filter(v -> v.name().equals(n)).findFirst())
                .orElse(null);
            PhysicalVolume pv = vg == null ? null : vg.vg().pvs().stream()
                .filter(p -> p.id().equals(o.pv().label().pvUuid())).findFirst().orElse(null);
            PvRow row = new PvRow(o.path().toString(), o.pv(), pv == null ? null : vg, pv, null);
            if (!segments || pv == null) {
                rows.add(row);
                continue;
            }
            for (PvRow.PvSegment s : pvSegments(vg.vg(), pv)) {
                rows.add(row.withSegment(s));
            }
        }
        return rows;
    }

    /** The used and free runs of a PV's extents, in order. */
    static List<PvRow.PvSegment> pvSegments(VolumeGroup vg, PhysicalVolume pv) {
        List<long[]> used = new ArrayList<>();
        for (LogicalVolume lv : vg.lvs()) {
            for (Segment s : lv.segments()) {
                if (s instanceof StripedSegment st) {
                    long per = st.extentCount() / st.stripes().size();
                    st.stripes().stream().filter(x -> x.pvName().equals(pv.name()))
                        .forEach(x -> used.add(new long[] {x.startPe(), per}));
                }
            }
        }
        used.sort(Comparator.comparingLong(a -> a[0]));
        List<PvRow.PvSegment> out = new ArrayList<>();
        long next = 0;
        for (long[] u : used) {
            if (u[0] > next) {
                out.add(new PvRow.PvSegment(next, u[0] - next));
            }
            out.add(new PvRow.PvSegment(u[0], u[1]));
            next = u[0] + u[1];
        }
        if (next < pv.peCount()) {
            out.add(new PvRow.PvSegment(next, pv.peCount() - next));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        set.close();
    }
}
