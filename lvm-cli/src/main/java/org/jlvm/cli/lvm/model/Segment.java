package org.jlvm.cli.lvm.model;

/** One segment of an LV: logical extents {@code [startExtent, startExtent + extentCount)} of one type. */
public sealed interface Segment permits StripedSegment, ThinPoolSegment, ThinSegment {
    long startExtent();

    long extentCount();

    /** The {@code type} string in the metadata. */
    String type();
}
