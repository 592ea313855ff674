package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;

/**
 * A PV as lvm's display code sees it ({@code struct physical_volume}): for a PV of a VG, {@code size} is the
 * metadata's {@code dev_size}; for an orphan, the label's device size, no extents. Sizes in sectors.
 *
 * @param vg the VG, null for an orphan
 * @param pv the PV in the VG's metadata, null for an orphan
 */
public record PvInfo(String path, VolumeGroup vg, PhysicalVolume pv, PhysicalVolumeFile file, long size,
        long peCount, long peSize, long allocated, long peStart) {
    public boolean orphan() {
        return vg == null;
    }

    public boolean allocatable() {
        return pv != null && pv.status().contains("ALLOCATABLE");
    }

    public boolean exported() {
        return vg != null && vg.status().contains("EXPORTED");
    }

    public String uuid() {
        return file.label().pvUuid().formatted();
    }

    /**
     * The PVs of {@code set}: each VG's in metadata order, the VGs in lvm's cache order (the last found first),
     * then the orphans.
     */
    public static List<PvInfo> all(PvSet set) throws IOException {
        List<PvInfo> out = new ArrayList<>();
        for (VolumeGroupScan.Found f : cacheOrder(set)) {
            VolumeGroup vg = f.metadata().vg();
            for (PhysicalVolumeFile file : f.pvs()) {
                PhysicalVolume pv = vg.pvs().stream().filter(p -> p.id().equals(file.label().pvUuid())).findFirst()
                        .orElseThrow();
                out.add(new PvInfo(set.of(file).path().toString(), vg, pv, file, pv.devSize(), pv.peCount(),
                        vg.extentSize(), VgEdits.allocated(vg, pv.name()), pv.peStart()));
            }
        }
        for (PhysicalVolumeFile file : set.scan().orphans()) {
            out.add(new PvInfo(set.of(file).path().toString(), null, null, file, file.label().deviceSize() / 512, 0, 0,
                    0, file.label().peStartBytes() / 512));
        }
        return out;
    }

    /** The VGs in lvm's display order: lvmcache puts each VG it finds at the head of its list. */
    public static List<VolumeGroupScan.Found> cacheOrder(PvSet set) {
        List<VolumeGroupScan.Found> vgs = new ArrayList<>(set.scan().vgs().values());
        java.util.Collections.reverse(vgs);
        return vgs;
    }
}
