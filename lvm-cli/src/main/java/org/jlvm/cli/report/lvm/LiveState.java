package org.jlvm.cli.report.lvm;

import org.jlvm.cli.lvm.model.LogicalVolume;
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

    /** Data% of an active LV, or null to read it from the pool metadata on disk. */
    default Percent dataPercent(String vg, LogicalVolume lv) {
        return null;
    }
}
