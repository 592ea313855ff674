package org.jlvm.cli.report.lvm;

import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.Segment;

/**
 * One row of {@code lvs}: an LV, and with {@code --segments} (or a segment field) one of its segments.
 *
 * @param vg the LV's VG
 * @param lv the LV
 * @param segment the segment of this row, or null for a row per LV (segment fields then show the first one)
 */
public record LvRow(VgView vg, LogicalVolume lv, Segment segment) {

    /** The segment segment fields show. */
    Segment seg() {
        return segment != null ? segment : lv.segments().get(0);
    }
}
