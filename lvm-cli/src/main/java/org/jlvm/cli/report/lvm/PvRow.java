package org.jlvm.cli.report.lvm;

import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;

/**
 * One row of {@code pvs}: a PV, with {@code --segments} one of its segments.
 *
 * @param path the device path
 * @param file the PV's label and metadata areas
 * @param vg its VG, or null for an orphan
 * @param pv its entry in the VG metadata, or null for an orphan
 * @param segment the PV segment of this row ({@code --segments}), or null
 */
public record PvRow(String path, PhysicalVolumeFile file, VgView vg, PhysicalVolume pv, PvSegment segment) {

    /** A run of physical extents, free or used by an LV segment. */
    public record PvSegment(long start, long size) {
    }

    PvRow withSegment(PvSegment s) {
        return new PvRow(path, file, vg, pv, s);
    }
}
