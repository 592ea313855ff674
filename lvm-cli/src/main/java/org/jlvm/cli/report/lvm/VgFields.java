package org.jlvm.cli.report.lvm;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.MetadataArea;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.report.Shown;

/** The Volume Group fields, for any report whose rows belong to a VG ({@code vgs}, {@code lvs}, {@code pvs}). */
final class VgFields {

    /** The fields {@link #bind} binds, in its order; each getter is made when a report first uses it. */
    private static final List<String> IDS = List.of(
        "vg_fmt", "vg_uuid", "vg_name", "vg_attr", "vg_permissions", "vg_extendable", "vg_exported",
        "vg_autoactivation", "vg_partial", "vg_allocation_policy", "vg_clustered", "vg_shared", "vg_size", "vg_free",
        "vg_sysid", "vg_systemid", "vg_lock_type", "vg_lock_args", "vg_extent_size", "vg_extent_count",
        "vg_free_count", "max_lv", "max_pv", "pv_count", "vg_missing_pv_count", "lv_count", "snap_count", "vg_seqno",
        "vg_tags", "vg_profile", "vg_mda_count", "vg_mda_used_count", "vg_mda_size", "vg_mda_copies");

    private VgFields() {
    }

    /** Binds the VG fields of rows whose VG {@code vgOf} gives (null for no VG: the fields are blank). */
    static <R> void bind(Map<String, Function<R, Object>> g, Function<R, VgView> vgOf) {
        for (String id : IDS) {
            put(g, vgOf, id, new LazyField<>(id, VgFields::field));
        }
    }

    /** The getter of {@code id} (linking all of them costs a new JVM about 10 ms; a report uses a few). */
    private static Function<VgView, Object> field(String id) {
        return switch (id) {
            case "vg_fmt" -> v -> v.vg().format();
            case "vg_uuid" -> v -> v.vg().id().formatted();
            case "vg_name" -> VgView::name;
            case "vg_attr" -> VgFields::attr;
            case "vg_permissions" -> v -> v.vg().status().contains("WRITE") ? "writeable" : "read-only";
            case "vg_extendable" -> v -> v.vg().status().contains("RESIZEABLE");
            case "vg_exported" -> v -> v.vg().status().contains("EXPORTED");
            case "vg_autoactivation" -> v -> !v.vg().flags().contains("NOAUTOACTIVATE");
            case "vg_partial" -> v -> v.missingPvs() > 0;
            case "vg_allocation_policy" -> v -> policy(v.vg());
            case "vg_clustered" -> v -> false;
            case "vg_shared" -> v -> false;
            case "vg_size" -> v -> v.totalExtents() * v.extentBytes();
            case "vg_free" -> v -> v.freeExtents() * v.extentBytes();
            case "vg_sysid" -> v -> v.vg().systemId() == null ? "" : v.vg().systemId();
            case "vg_systemid" -> v -> v.vg().systemId() == null ? "" : v.vg().systemId();
            case "vg_lock_type" -> v -> "";
            case "vg_lock_args" -> v -> "";
            case "vg_extent_size" -> VgView::extentBytes;
            case "vg_extent_count" -> VgView::totalExtents;
            case "vg_free_count" -> VgView::freeExtents;
            case "max_lv" -> v -> v.vg().maxLv();
            case "max_pv" -> v -> v.vg().maxPv();
            case "pv_count" -> v -> (long) v.vg().pvs().size();
            case "vg_missing_pv_count" -> v -> (long) v.missingPvs();
            case "lv_count" -> v -> v.vg().lvs().stream().filter(LogicalVolume::isVisible).count();
            case "snap_count" -> v -> 0L;
            case "vg_seqno" -> v -> v.vg().seqno();
            case "vg_tags" -> v -> v.vg().tags();
            case "vg_profile" -> v -> v.vg().profile() == null ? "" : v.vg().profile();
            case "vg_mda_count" -> v -> (long) mdas(v.files()).size();
            case "vg_mda_used_count" -> v -> mdas(v.files()).stream().filter(m -> !m.isIgnored()).count();
            case "vg_mda_size" -> v -> mdas(v.files()).stream().mapToLong(MetadataArea::size).min().orElse(0);
            case "vg_mda_copies" -> v -> v.vg().metadataCopies() == 0 ? new Shown("unmanaged", -1L)
                : (Object) v.vg().metadataCopies();
            default -> throw new IllegalArgumentException("no field " + id);
        };
    }

    private static <R> void put(Map<String, Function<R, Object>> g, Function<R, VgView> vgOf, String id,
            Function<VgView, Object> f) {
        g.put(id, r -> {
            VgView v = vgOf.apply(r);
            return v == null ? null : f.apply(v);
        });
    }

    static List<MetadataArea> mdas(List<PhysicalVolumeFile> files) {
        return files.stream().flatMap(f -> f.metadataAreas().stream()).toList();
    }

    private static String policy(VolumeGroup vg) {
        return vg.allocationPolicy() == null ? "normal" : vg.allocationPolicy();
    }

    static String attr(VgView v) {
        VolumeGroup vg = v.vg();
        char[] a = "------".toCharArray();
        a[0] = vg.status().contains("WRITE") ? 'w' : 'r';
        a[1] = vg.status().contains("RESIZEABLE") ? 'z' : '-';
        a[2] = vg.status().contains("EXPORTED") ? 'x' : '-';
        a[3] = v.missingPvs() > 0 ? 'p' : '-';
        a[4] = policy(vg).charAt(0);
        return new String(a);
    }
}
