package org.jlvm.cli.lvm.model;

import java.util.List;
import java.util.Objects;

/**
 * A PV as the VG metadata describes it ({@code physical_volumes { pvN { ... } }}). Sizes in 512-byte sectors,
 * {@code peCount} in extents. {@code baStart}/{@code baSize} describe a bootloader area (0 when there is none).
 *
 * @param name          the key in the metadata, e.g. {@code pv0}
 * @param device        the device path hint
 * @param deviceIdType  the devices-file id type ({@code sys_wwid}, {@code devname}, ...), null when absent
 * @param deviceId      the devices-file id, null when absent
 */
public record PhysicalVolume(String name, LvmUuid id, String device, String deviceIdType, String deviceId,
        List<String> status, List<String> flags,
        List<String> tags, long devSize, long peStart, long peCount, long baStart, long baSize) {
    public PhysicalVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        if ((deviceIdType == null) != (deviceId == null)) {
            throw new IllegalArgumentException("PV " + name + ": device_id_type and device_id come together");
        }
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        tags = List.copyOf(tags);
        if (devSize < 0 || peStart < 0 || peCount < 0 || baStart < 0 || baSize < 0) {
            throw new IllegalArgumentException("PV " + name + ": negative size");
        }
        if ((baStart == 0) != (baSize == 0)) {
            throw new IllegalArgumentException("PV " + name + ": ba_start and ba_size come together");
        }
    }

    /** A plain allocatable PV, as {@code vgcreate} writes it. */
    public static PhysicalVolume allocatable(String name, LvmUuid id, String device, long devSize, long peStart,
            long peCount) {
        return new PhysicalVolume(name, id, device, null, null, List.of("ALLOCATABLE"), List.of(), List.of(), devSize, peStart,
                peCount, 0, 0);
    }
}
