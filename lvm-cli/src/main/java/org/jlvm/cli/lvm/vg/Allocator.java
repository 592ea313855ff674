package org.jlvm.cli.lvm.vg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;

/**
 * Extent allocation from the VG's free physical extents, as lvm's {@code normal} policy does for linear LVs:
 * one contiguous free area if any is big enough (the first, in PV order), otherwise the free areas largest
 * first. Successive allocations of one command see each other.
 */
public final class Allocator {
    /** A run of physical extents on one PV. */
    public record Area(String pvName, long startPe, long count) {
    }

    private final String vgName;
    /** Per PV: start → length of each free area. */
    private final Map<String, TreeMap<Long, Long>> free = new LinkedHashMap<>();

    public Allocator(VolumeGroup vg) {
        this.vgName = vg.name();
        Map<String, boolean[]> used = new LinkedHashMap<>();
        for (PhysicalVolume pv : vg.pvs()) {
            used.put(pv.name(), new boolean[(int) pv.peCount()]);
        }
        for (LogicalVolume lv : vg.lvs()) {
            for (Segment s : lv.segments()) {
                if (s instanceof StripedSegment st) {
                    long per = st.extentCount() / st.stripes().size();
                    for (StripedSegment.Stripe stripe : st.stripes()) {
                        boolean[] u = used.get(stripe.pvName());
                        for (long i = 0; u != null && i < per; i++) {
                            u[(int) (stripe.startPe() + i)] = true;
                        }
                    }
                }
            }
        }
        for (PhysicalVolume pv : vg.pvs()) {
            TreeMap<Long, Long> areas = new TreeMap<>();
            boolean[] u = used.get(pv.name());
            boolean allocatable = pv.status().contains("ALLOCATABLE");
            int i = 0;
            while (allocatable && i < u.length) {
                if (u[i]) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < u.length && !u[j]) {
                    j++;
                }
                areas.put((long) i, (long) (j - i));
                i = j;
            }
            free.put(pv.name(), areas);
        }
    }

    /** The VG's free extents on the PVs named {@code pvNames} only (lvm's PVs given on a command line). */
    public Allocator(VolumeGroup vg, java.util.Set<String> pvNames) {
        this(vg);
        free.keySet().retainAll(pvNames);
    }

    public long freeExtents() {
        return free.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    public long freeExtents(String pvName) {
        TreeMap<Long, Long> m = free.get(pvName);
        return m == null ? 0 : m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Takes {@code extents} extents; lvm's message when the VG has too few. */
    public List<Area> allocate(long extents) {
        if (extents > freeExtents()) {
            throw LvmError.failed("Volume group \"" + vgName + "\" has insufficient free space (" + freeExtents()
                    + " extents): " + extents + " required.");
        }
        for (Map.Entry<String, TreeMap<Long, Long>> pv : free.entrySet()) {
            for (Map.Entry<Long, Long> a : pv.getValue().entrySet()) {
                if (a.getValue() >= extents) {
                    Area area = new Area(pv.getKey(), a.getKey(), extents);
                    take(area);
                    return List.of(area);
                }
            }
        }
        List<Area> all = new ArrayList<>();
        free.forEach((pv, m) -> m.forEach((start, len) -> all.add(new Area(pv, start, len))));
        all.sort(Comparator.comparingLong(Area::count).reversed());
        List<Area> out = new ArrayList<>();
        long left = extents;
        for (Area a : all) {
            if (left == 0) {
                break;
            }
            Area part = new Area(a.pvName(), a.startPe(), Math.min(a.count(), left));
            take(part);
            out.add(part);
            left -= part.count();
        }
        return out;
    }

    /** Prefers the area right after {@code lastPv:lastEnd} (so an extended LV stays one segment), else as {@link #allocate}. */
    public List<Area> allocateAfter(String pvName, long nextPe, long extents) {
        TreeMap<Long, Long> m = free.get(pvName);
        if (m != null) {
            Long len = m.get(nextPe);
            if (len != null && len >= extents) {
                Area area = new Area(pvName, nextPe, extents);
                take(area);
                return List.of(area);
            }
        }
        return allocate(extents);
    }

    private void take(Area a) {
        TreeMap<Long, Long> m = free.get(a.pvName());
        Map.Entry<Long, Long> e = m.floorEntry(a.startPe());
        long start = e.getKey();
        long len = e.getValue();
        m.remove(start);
        if (a.startPe() > start) {
            m.put(start, a.startPe() - start);
        }
        long end = a.startPe() + a.count();
        if (end < start + len) {
            m.put(end, start + len - end);
        }
    }

    /** Linear segments for {@code areas}, starting at logical extent {@code firstLe}. */
    public static List<Segment> segments(long firstLe, List<Area> areas) {
        List<Segment> out = new ArrayList<>();
        long le = firstLe;
        for (Area a : areas) {
            out.add(StripedSegment.linear(le, a.count(), a.pvName(), a.startPe()));
            le += a.count();
        }
        return out;
    }

    /**
     * {@code lv} with {@code areas} appended; a first area that continues the last segment on the same PV is
     * merged into it, as lvm merges adjacent segments.
     */
    public static List<Segment> extend(List<Segment> current, List<Area> areas) {
        List<Segment> out = new ArrayList<>(current);
        long le = current.stream().mapToLong(Segment::extentCount).sum();
        for (Area a : areas) {
            Segment last = out.get(out.size() - 1);
            if (last instanceof StripedSegment st && st.stripes().size() == 1
                    && st.stripes().get(0).pvName().equals(a.pvName())
                    && st.stripes().get(0).startPe() + st.extentCount() == a.startPe()) {
                out.set(out.size() - 1, StripedSegment.linear(st.startExtent(), st.extentCount() + a.count(),
                        a.pvName(), st.stripes().get(0).startPe()));
            } else {
                out.add(StripedSegment.linear(le, a.count(), a.pvName(), a.startPe()));
            }
            le += a.count();
        }
        return out;
    }
}
