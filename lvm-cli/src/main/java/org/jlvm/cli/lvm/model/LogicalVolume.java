package org.jlvm.cli.lvm.model;

import java.util.List;
import java.util.Objects;

/**
 * An LV section of the VG metadata. {@code creationTime} is in Unix seconds (0 = not recorded, then no
 * {@code creation_host} either). {@code allocationPolicy} and {@code readAhead} are null when lvm2 writes none.
 */
public record LogicalVolume(String name, LvmUuid id, List<String> status, List<String> flags, List<String> tags,
        long creationTime, String creationHost, String allocationPolicy, Long readAhead, List<Segment> segments) {
    public LogicalVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        tags = List.copyOf(tags);
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("LV " + name + " has no segments");
        }
        long next = 0;
        for (Segment s : segments) {
            if (s.startExtent() != next) {
                throw new IllegalArgumentException("LV " + name + ": segment starts at extent " + s.startExtent()
                        + ", expected " + next);
            }
            next += s.extentCount();
        }
    }

    /** A new LV with one segment, status {@code READ, WRITE} plus {@code VISIBLE} when visible. */
    public static LogicalVolume of(String name, LvmUuid id, boolean visible, long creationTime, String creationHost,
            Segment segment) {
        List<String> status = visible ? List.of("READ", "WRITE", "VISIBLE") : List.of("READ", "WRITE");
        return new LogicalVolume(name, id, status, List.of(), List.of(), creationTime, creationHost, null, null,
                List.of(segment));
    }

    public boolean isVisible() {
        return status.contains("VISIBLE");
    }

    /** Size in extents (sum of the segments). */
    public long extentCount() {
        return segments.stream().mapToLong(Segment::extentCount).sum();
    }
}
