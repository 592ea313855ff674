package org.jlvm.cli.report.lvm;

import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.report.Percent;

/**
 * What only a running system knows about an LV: whether it is active and open, and its live usage. Reports
 * without a daemon use {@link #INACTIVE}; a daemon that serves LVs passes its own view (its answers replace
 * the ones read from the metadata on disk).
 */
public interface LiveState {

    /** Nothing is active: {@code lv_attr} state and open are {@code -}, usage comes from the metadata on disk. */
    LiveState INACTIVE = new LiveState() {
    };

    /** {@code lv_attr}'s 5th character ({@code a} active, {@code -} not). */
    default char state(String vg, LogicalVolume lv) {
        return '-';
    }

    /** {@code lv_attr}'s 6th character ({@code o} open, {@code -} not). */
    default char open(String vg, LogicalVolume lv) {
        return '-';
    }

    /** Whether a pool's metadata and data are open (its {@code _tdata}/{@code _tmeta} active), also for a thin LV. */
    default boolean poolOpen(String vg, LogicalVolume pool) {
        return false;
    }

    /** How many users hold the LV open (lvdisplay's {@code # open}). */
    default int openCount(String vg, LogicalVolume lv) {
        return 0;
    }

    /** An active LV exported read-only although its metadata allows writes ({@code lv_attr}'s {@code R}). */
    default boolean readOnly(String vg, LogicalVolume lv) {
        return false;
    }

    /** {@code lv_attr}'s 9th character, the health of an active pool ({@code -} when fine or inactive). */
    default char health(String vg, LogicalVolume lv) {
        return '-';
    }

    /** Data% of an active LV, or null to read it from the pool metadata on disk. */
    default Percent dataPercent(String vg, LogicalVolume lv) {
        return null;
    }

    /** Meta% of an active pool, or null to read it from the pool metadata on disk. */
    default Percent metadataPercent(String vg, LogicalVolume lv) {
        return null;
    }

    /** The blocks an active pool maps for thin LV {@code thin}, or null to read them from the metadata on disk. */
    default Long mappedBlocks(String vg, ThinSegment thin) {
        return null;
    }

    /**
     * What each thin device of an active pool maps alone and shares (from a metadata snapshot of the live pool),
     * or null to walk the metadata on disk.
     */
    default java.util.Map<Long, org.jlvm.thin.meta.ThinSharing.Usage> sharing(String vg, LogicalVolume pool) {
        return null;
    }

    /** Where an NBD client reaches the active LV, or empty. */
    default String nbdUri(String vg, LogicalVolume lv) {
        return "";
    }
}
