package org.jlvm.cli.shell;

import java.nio.file.Path;
import java.util.List;

/** The names completion offers beyond lvm: VGs, their visible LVs, and the PVs the devices file lists. */
interface VolumeNames {
    /** What an LV is, for the filters ({@code -T} wants pools, {@code -s} thin LVs). */
    enum LvType { LINEAR, THIN_POOL, THIN, THIN_SNAPSHOT, OTHER }

    /** A visible LV; {@code detail} is shown beside the candidate. */
    record Lv(String vg, String name, LvType type, String detail) {
        String path() {
            return vg + "/" + name;
        }

        boolean thin() {
            return type == LvType.THIN || type == LvType.THIN_SNAPSHOT;
        }
    }

    /** A VG with its visible LVs. */
    record Vg(String name, List<Lv> lvs) {
        public Vg {
            lvs = List.copyOf(lvs);
        }
    }

    /** One look at the system: read-only, no lock held after it returns. */
    record Snapshot(List<Vg> vgs, List<Path> knownPvs) {
        public Snapshot {
            vgs = List.copyOf(vgs);
            knownPvs = List.copyOf(knownPvs);
        }

        List<Lv> lvs() {
            return vgs.stream().flatMap(v -> v.lvs().stream()).toList();
        }
    }

    /** Reads the names now; empty lists when nothing can be read (completion never fails). */
    Snapshot read();
}
