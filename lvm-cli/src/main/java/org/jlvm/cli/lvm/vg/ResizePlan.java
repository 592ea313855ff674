package org.jlvm.cli.lvm.vg;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;

/**
 * The size arithmetic and the VG change of one LV's resize, as lvm2 2.03.16's {@code _lvresize_adjust_size},
 * {@code _lvresize_extents_from_percent}, {@code _lvresize_adjust_extents}, {@code _lvresize_check_type} and
 * {@code _lvresize_volume}: extent rounding, percentages, lvm's refusals, then the new segments.
 */
final class ResizePlan {
    /** The new size of one LV in extents; {@code approx}: take what is free when less (lvm's %FREE/%VG). */
    record Step(long oldExtents, long newExtents, boolean approx) {
        boolean reduce() {
            return newExtents < oldExtents;
        }
    }

    private ResizePlan() {
    }

    static Step prepare(VolumeGroup vg, LogicalVolume lv, ResizeAmount a, LvResize.Mode mode, boolean noChangeOk,
            Messages msg) {
        long es = vg.extentSize();
        long existing = lv.extentCount();
        long free = new Allocator(vg).freeExtents();
        long vgExtents = vg.pvs().stream().mapToLong(PhysicalVolume::peCount).sum();
        String lvName = vg.name() + "/" + lv.name();
        boolean roundUp = a.sign() != '-';
        boolean approx = false;
        long extents;
        if (a.isSize()) {
            long size = a.sectors();
            long adjust = size % es;
            if (adjust != 0) {
                size += roundUp ? es - adjust : -adjust;
                msg.print("Rounding size to boundary between physical extents: " + Units.display(size * 512) + ".");
            }
            extents = size / es;
        } else {
            extents = switch (a.percent()) {
                case NONE -> a.count();
                case VG, PVS -> percentOf(a.count(), vgExtents, roundUp);
                case FREE -> percentOf(a.count(), free, roundUp);
                case LV -> percentOf(a.count(), existing, roundUp);
                case ORIGIN -> throw LvmError.failed("Specified LV does not have an origin LV.");
            };
            if (a.percent() == ResizeAmount.Percent.VG && a.sign() == 0 && extents > existing + free) {
                extents = existing + free;
                msg.print("Reducing " + a.count() + "%VG to remaining free space "
                        + Units.display(extents * es * 512) + " in VG.");
            }
            ResizeAmount.Percent p = a.percent();
            approx = a.sign() == 0 && (p == ResizeAmount.Percent.VG || p == ResizeAmount.Percent.FREE
                    || p == ResizeAmount.Percent.PVS) || a.sign() == '+' && p == ResizeAmount.Percent.FREE;
        }
        boolean reducing = a.sign() == '-' || a.sign() == 0 && extents < existing;
        long next;
        if (!reducing) {
            next = existing + (a.sign() == '+' ? extents : extents - existing);
            if (LvAttr.role(vg, lv) == LvAttr.Role.THIN_POOL_METADATA) {
                long max = 2 * ThinPools.MAX_METADATA_KB;
                if (next * es > max) {
                    next = (max + es - 1) / es;
                    msg.print("Reached maximum pool metadata size " + Units.display(max * 512) + " (" + next
                            + " extents).");
                }
                if (next <= existing) {
                    return new Step(existing, existing, false);
                }
            }
        } else if (a.sign() == '-') {
            if (extents >= existing) {
                throw LvmError.failed("Unable to reduce " + lvName + " below 1 extent.");
            }
            next = existing - extents;
        } else {
            next = extents;
        }
        if (next == 0) {
            throw LvmError.failed("New size of 0 not permitted.");
        }
        if (next == existing) {
            if (!noChangeOk) {
                throw LvmError.failed("New size (" + next + " extents) matches existing size (" + existing
                        + " extents).");
            }
            return new Step(existing, existing, false);
        }
        if (next < existing && mode == LvResize.Mode.EXTEND) {
            throw LvmError.failed("New size given (" + next + " extents) not larger than existing size (" + existing
                    + " extents)");
        }
        if (next > existing && mode == LvResize.Mode.REDUCE) {
            throw LvmError.failed("New size given (" + next + " extents) not less than existing size (" + existing
                    + " extents)");
        }
        if (next < existing) {
            switch (LvAttr.role(vg, lv)) {
                case THIN_POOL_DATA -> throw LvmError.failed("Thin pool volumes " + lvName
                        + " cannot be reduced in size yet.");
                case THIN_POOL_METADATA -> throw LvmError.failed("Thin pool metadata volumes cannot be reduced.");
                default -> {
                }
            }
        }
        return new Step(existing, next, approx);
    }

    /** lvm's percent_of_extents. */
    static long percentOf(long percent, long count, boolean roundUp) {
        return (percent * count + (roundUp ? 99 : 0)) / 100;
    }

    /** {@code vg} with {@code lv} at its new size (and, for {@code _tmeta}, the spare as big as it); lvm's message. */
    static VolumeGroup apply(VolumeGroup vg, LogicalVolume lv, Step step, Messages msg) {
        String what = "Size of logical volume " + vg.name() + "/" + lv.name();
        long es = vg.extentSize() * 512;
        if (step.newExtents() == step.oldExtents()) {
            msg.print(what + " unchanged from " + Units.display(step.oldExtents() * es) + " (" + step.oldExtents()
                    + " extents).");
            return vg;
        }
        LvAttr.Role role = LvAttr.role(vg, lv);
        VolumeGroup next;
        long newExtents = step.newExtents();
        if (role == LvAttr.Role.THIN) {
            next = ThinPools.replace(vg, LvResize.withThinSize(lv, newExtents));
        } else if (step.reduce()) {
            next = ThinPools.replace(vg, ThinPools.withSegments(lv, truncate(vg, lv, newExtents)));
        } else {
            long more = newExtents - lv.extentCount();
            long free = new Allocator(vg).freeExtents();
            if (step.approx() && more > free && free > 0) {
                more = free;
                newExtents = lv.extentCount() + more;
            }
            next = ThinPools.replace(vg, grow(vg, lv, more));
        }
        msg.print(what + " changed from " + Units.display(step.oldExtents() * es) + " (" + step.oldExtents()
                + " extents) to " + Units.display(newExtents * es) + " (" + newExtents + " extents).");
        if (role == LvAttr.Role.THIN_POOL_DATA) {
            LogicalVolume pool = LvResize.poolOf(vg, lv);
            ThinPoolSegment p = ThinPools.poolSegment(pool);
            next = ThinPools.replace(next, ThinPools.withSegments(pool, List.of(new ThinPoolSegment(0, newExtents,
                    p.metadataLv(), p.poolLv(), p.transactionId(), p.chunkSize(), p.discards(), p.zeroNewBlocks(),
                    p.cropMetadata(), p.messages()))));
        } else if (role == LvAttr.Role.THIN_POOL_METADATA) {
            next = withSpare(next, largestMetadata(next));
        }
        return next;
    }

    /** The extents of the VG's biggest pool metadata LV (what lvm sizes the spare by). */
    static long largestMetadata(VolumeGroup vg) {
        long max = 0;
        for (LogicalVolume l : vg.lvs()) {
            if (LvAttr.role(vg, l) == LvAttr.Role.THIN_POOL_METADATA) {
                max = Math.max(max, l.extentCount());
            }
        }
        return max;
    }

    /**
     * lvm's handle_pool_metadata_spare: the spare ({@code lvolN_pmspare}) made or grown to {@code extents} (at
     * most 16 GiB), allocated from what is free in {@code vg}.
     */
    static VolumeGroup withSpare(VolumeGroup vg, long extents) {
        long want = spareExtents(vg, extents);
        LogicalVolume spare = spare(vg);
        if (spare != null && spare.extentCount() >= want) {
            return vg;
        }
        long more = want - (spare == null ? 0 : spare.extentCount());
        if (new Allocator(vg).freeExtents() < more) {
            return vg; // lvm ignores a spare it cannot grow
        }
        if (spare == null) {
            List<LogicalVolume> lvs = new ArrayList<>(vg.lvs());
            lvs.add(LvOps.newLv(LvOps.spareName(vg), false, List.of(),
                    Allocator.segments(0, new Allocator(vg).allocate(more))));
            return vg.withLvs(lvs);
        }
        return ThinPools.replace(vg, grow(vg, spare, more));
    }

    /** The extents a spare for metadata of {@code extents} takes: as many, at most 16 GiB (lvm's limit). */
    static long spareExtents(VolumeGroup vg, long extents) {
        return Math.min(extents, (2L * 16 * 1024 * 1024 + vg.extentSize() - 1) / vg.extentSize());
    }

    /** The VG's pool metadata spare ({@code lvolN_pmspare}), or null. */
    static LogicalVolume spare(VolumeGroup vg) {
        LogicalVolume spare = null;
        for (LogicalVolume l : vg.lvs()) {
            if (LvAttr.role(vg, l) == LvAttr.Role.POOL_METADATA_SPARE) {
                spare = l;
            }
        }
        return spare;
    }

    /** {@code lv} with {@code more} extents at its end, contiguous with its last segment when that is free. */
    static LogicalVolume grow(VolumeGroup vg, LogicalVolume lv, long more) {
        Allocator a = new Allocator(vg);
        if (a.freeExtents() < more) {
            throw LvmError.failed("Insufficient free space: " + more + " extents needed, but only "
                    + a.freeExtents() + " available");
        }
        Segment last = lv.segments().get(lv.segments().size() - 1);
        List<Allocator.Area> areas;
        if (last instanceof StripedSegment st && st.stripes().size() == 1) {
            areas = a.allocateAfter(st.stripes().get(0).pvName(), st.stripes().get(0).startPe() + st.extentCount(),
                    more);
        } else {
            areas = a.allocate(more);
        }
        return ThinPools.withSegments(lv, Allocator.extend(lv.segments(), areas));
    }

    /** The first {@code extents} logical extents of a linear {@code lv} (lvm's lv_reduce frees the end). */
    private static List<Segment> truncate(VolumeGroup vg, LogicalVolume lv, long extents) {
        List<Segment> out = new ArrayList<>();
        long left = extents;
        for (Segment seg : lv.segments()) {
            if (left == 0) {
                break;
            }
            if (!(seg instanceof StripedSegment st) || st.stripes().size() != 1) {
                throw LvmError.failed("Cannot reduce " + vg.name() + "/" + lv.name() + ": only linear segments"
                        + " can be reduced.");
            }
            long keep = Math.min(left, st.extentCount());
            out.add(keep == st.extentCount() ? st : StripedSegment.linear(st.startExtent(), keep,
                    st.stripes().get(0).pvName(), st.stripes().get(0).startPe()));
            left -= keep;
        }
        return out;
    }
}
