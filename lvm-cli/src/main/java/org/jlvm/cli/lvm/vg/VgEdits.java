package org.jlvm.cli.lvm.vg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;

/**
 * Changes of a VG's identity and PV list (vgrename, vgextend, vgreduce, pvresize). PVs are renamed
 * {@code pv0, pv1, ...} in list order, as lvm2 names them when it writes the metadata, with the LV segments'
 * references following.
 */
public final class VgEdits {
    private VgEdits() {
    }

    public static VolumeGroup renamed(VolumeGroup vg, String newName) {
        return new VolumeGroup(newName, vg.id(), vg.seqno(), vg.format(), vg.status(), vg.flags(), vg.tags(),
                vg.systemId(), vg.extentSize(), vg.maxLv(), vg.maxPv(), vg.allocationPolicy(), vg.profile(),
                vg.metadataCopies(), vg.pvs(), vg.lvs());
    }

    /** {@code vg} with {@code pvs} (in this order, renamed pvN), the LVs' areas following their PV. */
    public static VolumeGroup withPvs(VolumeGroup vg, List<PhysicalVolume> pvs) {
        Map<String, String> names = new HashMap<>();
        List<PhysicalVolume> renamed = new ArrayList<>();
        for (PhysicalVolume p : pvs) {
            String name = "pv" + renamed.size();
            names.put(p.name(), name);
            renamed.add(new PhysicalVolume(name, p.id(), p.device(), p.deviceIdType(), p.deviceId(), p.status(),
                    p.flags(), p.tags(), p.devSize(), p.peStart(), p.peCount(), p.baStart(), p.baSize()));
        }
        List<LogicalVolume> lvs = new ArrayList<>();
        for (LogicalVolume lv : vg.lvs()) {
            List<Segment> segs = new ArrayList<>();
            for (Segment s : lv.segments()) {
                segs.add(s instanceof StripedSegment st ? renameStripes(st, names) : s);
            }
            lvs.add(new LogicalVolume(lv.name(), lv.id(), lv.status(), lv.flags(), lv.tags(), lv.creationTime(),
                    lv.creationHost(), lv.allocationPolicy(), lv.readAhead(), segs));
        }
        return new VolumeGroup(vg.name(), vg.id(), vg.seqno(), vg.format(), vg.status(), vg.flags(), vg.tags(),
                vg.systemId(), vg.extentSize(), vg.maxLv(), vg.maxPv(), vg.allocationPolicy(), vg.profile(),
                vg.metadataCopies(), renamed, lvs);
    }

    private static StripedSegment renameStripes(StripedSegment st, Map<String, String> names) {
        List<StripedSegment.Stripe> stripes = new ArrayList<>();
        for (StripedSegment.Stripe x : st.stripes()) {
            String n = names.get(x.pvName());
            if (n == null) {
                throw new IllegalArgumentException("segment on PV " + x.pvName() + " which leaves the VG");
            }
            stripes.add(new StripedSegment.Stripe(n, x.startPe()));
        }
        return new StripedSegment(st.startExtent(), st.extentCount(), st.stripeSize(), stripes);
    }

    /** The same PV with another device size and extent count (pvresize). */
    public static PhysicalVolume resized(PhysicalVolume p, long devSizeSectors, long peCount) {
        return new PhysicalVolume(p.name(), p.id(), p.device(), p.deviceIdType(), p.deviceId(), p.status(),
                p.flags(), p.tags(), devSizeSectors, p.peStart(), peCount, p.baStart(), p.baSize());
    }

    /** Extents of {@code pvName} that LVs use. */
    public static long allocated(VolumeGroup vg, String pvName) {
        PhysicalVolume pv = vg.pv(pvName).orElseThrow();
        return pv.peCount() - new Allocator(vg).freeExtents(pvName);
    }

    /**
     * A PV joining a VG (vgcreate, vgextend): allocatable, its extents from {@code pe_start} up to the device end
     * or a metadata area behind the data.
     */
    public static PhysicalVolume newPv(String name, org.jlvm.cli.lvm.ondisk.PvLabel label, String device,
            long extentSectors) {
        long peStart = label.peStartBytes();
        long peCount = peCount(label, label.deviceSize(), extentSectors);
        if (peCount <= 0) {
            throw LvmError.failed("Physical volume " + device + " is too small for an extent of "
                    + Units.display(extentSectors * 512) + ".");
        }
        return PhysicalVolume.allocatable(name, label.pvUuid(), device, label.deviceSize() / 512, peStart / 512,
                peCount);
    }

    /** Whole extents between {@code pe_start} and the end of a device of {@code deviceBytes} (or the second mda). */
    public static long peCount(org.jlvm.cli.lvm.ondisk.PvLabel label, long deviceBytes, long extentSectors) {
        long peStart = label.peStartBytes();
        long dataEnd = deviceBytes;
        for (org.jlvm.cli.lvm.ondisk.DiskLocn m : label.metadataAreas()) {
            if (m.offset() > peStart && m.offset() < dataEnd) {
                dataEnd = m.offset();
            }
        }
        return Math.max(0, (dataEnd - peStart) / 512 / extentSectors);
    }
}
