package org.jlvm.cli.lvm.text;

import java.util.Objects;
import org.jlvm.cli.lvm.model.VolumeGroup;

/** A whole VG metadata text: the VG and the top-level header settings. */
public record VgText(TextHeader header, VolumeGroup vg) {
    public VgText {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(vg, "vg");
    }
}
