package org.jlvm.cli.lvm.model;

import java.util.List;
import java.util.Objects;

/**
 * A PV as the VG metadata describes it ({@code physical_volumes { pvN { ... } }}). Sizes in 512-byte sectors,
 * {@code peCount} in extents. {@code baStart}/{@code baSize} describe a bootloader area (0 when there is none).
 *
 * @param name      the key in the metadata, e.g. {@code pv0}
 * @param device    the device path hint
 */
public record PhysicalVolume(String name, LvmUuid id, String device, List<String> status, List<String> flags,
        List<String> tags, long devSize, long peStart, long peCount, long baStart, long baSize) {
    public PhysicalVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        tags = List.copyOf(tags);
        if (devSize < 0 || peStart < 0 || peCount < 0 || baStart < 0 || baSize < 0) {
            throw new IllegalArgumentException("PV " + name + ": negative size");
        }
    }

    /** A plain allocatable PV, as {@code vgcreate} writes it. */
    public static PhysicalVolume allocatable(String name, LvmUuid id, String device, long devSize, long peStart,
            long peCount) {
        return new PhysicalVolume(name, id, device, List.of("ALLOCATABLE"), List.of(), List.of(), devSize, peStart,
                peCount, 0, 0);
    }
}
