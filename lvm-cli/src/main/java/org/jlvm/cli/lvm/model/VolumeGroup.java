package org.jlvm.cli.lvm.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A VG as its metadata text describes it. {@code extentSize} in sectors. LVs keep their order (lvm2 writes the
 * visible ones first). {@code systemId}, {@code allocationPolicy} and {@code profile} are null when absent.
 */
public record VolumeGroup(String name, LvmUuid id, long seqno, String format, List<String> status,
        List<String> flags, List<String> tags, String systemId, long extentSize, long maxLv, long maxPv,
        String allocationPolicy, String profile, long metadataCopies, List<PhysicalVolume> pvs,
        List<LogicalVolume> lvs) {
    public VolumeGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        tags = List.copyOf(tags);
        pvs = List.copyOf(pvs);
        lvs = List.copyOf(lvs);
        if (extentSize <= 0) {
            throw new IllegalArgumentException("VG " + name + ": extent_size " + extentSize + " must be positive");
        }
        checkUnique(name, "PV", pvs.stream().map(PhysicalVolume::name).toList());
        checkUnique(name, "LV", lvs.stream().map(LogicalVolume::name).toList());
    }

    private static void checkUnique(String vg, String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("VG " + vg + ": duplicate " + what + " " + n);
            }
        }
    }

    /** A new VG as {@code vgcreate} writes it (seqno 1, resizeable, read/write, format lvm2). */
    public static VolumeGroup create(String name, LvmUuid id, long extentSize, List<PhysicalVolume> pvs,
            List<LogicalVolume> lvs) {
        return new VolumeGroup(name, id, 1, "lvm2", List.of("RESIZEABLE", "READ", "WRITE"), List.of(), List.of(),
                null, extentSize, 0, 0, null, null, 0, pvs, lvs);
    }

    public Optional<LogicalVolume> lv(String lvName) {
        return lvs.stream().filter(l -> l.name().equals(lvName)).findFirst();
    }

    public Optional<PhysicalVolume> pv(String pvName) {
        return pvs.stream().filter(p -> p.name().equals(pvName)).findFirst();
    }

    /** The same VG with another seqno. */
    public VolumeGroup withSeqno(long newSeqno) {
        return new VolumeGroup(name, id, newSeqno, format, status, flags, tags, systemId, extentSize, maxLv, maxPv,
                allocationPolicy, profile, metadataCopies, pvs, lvs);
    }

    /** The same VG with other LVs. */
    public VolumeGroup withLvs(List<LogicalVolume> newLvs) {
        return new VolumeGroup(name, id, seqno, format, status, flags, tags, systemId, extentSize, maxLv, maxPv,
                allocationPolicy, profile, metadataCopies, pvs, newLvs);
    }
}
