package org.jlvm.cli.lvm.ondisk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.text.VgText;

/**
 * Groups opened PVs into VGs, as lvm2's scan does: each VG's metadata is the text with the highest seqno found
 * on any of its PVs; a PV without usable metadata (no mda, or all ignored) belongs to the VG that lists its
 * UUID; PVs whose committed seqno is lower are stale; PVs the metadata lists but that were not found are
 * missing. PVs that belong to no VG are orphans.
 */
public final class VolumeGroupScan {
    /** One VG: its metadata, the PV files holding it (in the metadata's PV order), the stale and missing PVs. */
    public record Found(VgText metadata, List<PhysicalVolumeFile> pvs, List<PhysicalVolumeFile> stale,
            List<PhysicalVolume> missing) {
        public Found {
            pvs = List.copyOf(pvs);
            stale = List.copyOf(stale);
            missing = List.copyOf(missing);
        }
    }

    /**
     * The scan result: VGs by name, in order of first appearance, the orphan PVs, and the PVs whose metadata
     * could not be read (no good text in any mda) that no VG claims, with the reason: lvm's "[unknown]" PVs,
     * neither orphans nor members.
     */
    public record Result(Map<String, Found> vgs, List<PhysicalVolumeFile> orphans,
            Map<PhysicalVolumeFile, String> damaged) {
        public Result(Map<String, Found> vgs, List<PhysicalVolumeFile> orphans) {
            this(vgs, orphans, Map.of());
        }

        public Optional<Found> vg(String name) {
            return Optional.ofNullable(vgs.get(name));
        }
    }

    private VolumeGroupScan() {
    }

    public static Result scan(List<PhysicalVolumeFile> files) throws IOException {
        Map<LvmUuid, VgText> best = new LinkedHashMap<>();
        Map<PhysicalVolumeFile, VgText> own = new LinkedHashMap<>();
        Map<PhysicalVolumeFile, String> unreadable = new LinkedHashMap<>();
        Map<String, VgText> parsed = new java.util.HashMap<>();
        for (PhysicalVolumeFile f : files) {
            Optional<VgText> t;
            try {
                t = f.readVg(parsed);
            } catch (LvmFormatException | org.jlvm.cli.lvm.text.MetadataException e) {
                unreadable.put(f, e.getMessage());
                continue;
            }
            if (t.isPresent()) {
                own.put(f, t.get());
                best.merge(t.get().vg().id(), t.get(), (a, b) -> b.vg().seqno() > a.vg().seqno() ? b : a);
            }
        }
        Map<String, Found> vgs = new LinkedHashMap<>();
        List<PhysicalVolumeFile> orphans = new ArrayList<>();
        List<PhysicalVolumeFile> assigned = new ArrayList<>();
        for (VgText text : best.values()) {
            List<PhysicalVolumeFile> members = new ArrayList<>();
            List<PhysicalVolumeFile> stale = new ArrayList<>();
            List<PhysicalVolume> missing = new ArrayList<>();
            for (PhysicalVolume pv : text.vg().pvs()) {
                PhysicalVolumeFile match = null;
                for (PhysicalVolumeFile f : files) {
                    if (f.label().pvUuid().equals(pv.id()) && !assigned.contains(f)) {
                        match = f;
                        break;
                    }
                }
                if (match == null) {
                    missing.add(pv);
                    continue;
                }
                assigned.add(match);
                members.add(match);
                VgText mine = own.get(match);
                if (mine != null && mine.vg().id().equals(text.vg().id()) && mine.vg().seqno() < text.vg().seqno()) {
                    stale.add(match);
                }
            }
            if (vgs.putIfAbsent(text.vg().name(), new Found(text, members, stale, missing)) != null) {
                throw new LvmFormatException("two different VGs are named " + text.vg().name());
            }
        }
        Map<PhysicalVolumeFile, String> damaged = new LinkedHashMap<>();
        for (PhysicalVolumeFile f : files) {
            if (unreadable.containsKey(f) && !assigned.contains(f)) {
                damaged.put(f, unreadable.get(f));
            } else if (!assigned.contains(f)) {
                orphans.add(f);
            }
        }
        return new Result(vgs, orphans, damaged);
    }
}
