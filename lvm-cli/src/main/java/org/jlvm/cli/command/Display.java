package org.jlvm.cli.command;

import org.jlvm.cli.lvm.vg.Units;

/** lvm's display_size for the display verbs: sizes in sectors, {@code "0   "} for zero. */
final class Display {
    private Display() {
    }

    static String size(long sectors) {
        return sectors == 0 ? "0   " : Units.display(sectors * 512);
    }
}
