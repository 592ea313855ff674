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

    private VgFields() {
    }

    /** Binds the VG fields of rows whose VG {@code vgOf} gives (null for no VG: the fields are blank). */
    static <R> void bind(Map<String, Function<R, Object>> g, Function<R, VgView> vgOf) {
        put(g, vgOf, "vg_fmt", v -> v.vg().format());
        put(g, vgOf, "vg_uuid", v -> v.vg().id().formatted());
        put(g, vgOf, "vg_name", VgView::name);
        put(g, vgOf, "vg_attr", VgFields::attr);
        put(g, vgOf, "vg_permissions", v -> v.vg().status().contains("WRITE") ? "writeable" : "read-only");
        put(g, vgOf, "vg_extendable", v -> v.vg().status().contains("RESIZEABLE"));
        put(g, vgOf, "vg_exported", v -> v.vg().status().contains("EXPORTED"));
        put(g, vgOf, "vg_autoactivation", v -> !v.vg().flags().contains("NOAUTOACTIVATE"));
        put(g, vgOf, "vg_partial", v -> v.missingPvs() > 0);
        put(g, vgOf, "vg_allocation_policy", v -> policy(v.vg()));
        put(g, vgOf, "vg_clustered", v -> false);
        put(g, vgOf, "vg_shared", v -> false);
        put(g, vgOf, "vg_size", v -> v.totalExtents() * v.extentBytes());
        put(g, vgOf, "vg_free", v -> v.freeExtents() * v.extentBytes());
        put(g, vgOf, "vg_sysid", v -> v.vg().systemId() == null ? "" : v.vg().systemId());
        put(g, vgOf, "vg_systemid", v -> v.vg().systemId() == null ? "" : v.vg().systemId());
        put(g, vgOf, "vg_lock_type", v -> "");
        put(g, vgOf, "vg_lock_args", v -> "");
        put(g, vgOf, "vg_extent_size", VgView::extentBytes);
        put(g, vgOf, "vg_extent_count", VgView::totalExtents);
        put(g, vgOf, "vg_free_count", VgView::freeExtents);
        put(g, vgOf, "max_lv", v -> v.vg().maxLv());
        put(g, vgOf, "max_pv", v -> v.vg().maxPv());
        put(g, vgOf, "pv_count", v -> (long) v.vg().pvs().size());
        put(g, vgOf, "vg_missing_pv_count", v -> (long) v.missingPvs());
        put(g, vgOf, "lv_count", v -> v.vg().lvs().stream().filter(LogicalVolume::isVisible).count());
        put(g, vgOf, "snap_count", v -> 0L);
        put(g, vgOf, "vg_seqno", v -> v.vg().seqno());
        put(g, vgOf, "vg_tags", v -> v.vg().tags());
        put(g, vgOf, "vg_profile", v -> v.vg().profile() == null ? "" : v.vg().profile());
        put(g, vgOf, "vg_mda_count", v -> (long) mdas(v.files()).size());
        put(g, vgOf, "vg_mda_used_count", v -> mdas(v.files()).stream().filter(m -> !m.isIgnored()).count());
        put(g, vgOf, "vg_mda_size", v -> mdas(v.files()).stream().mapToLong(MetadataArea::size).min().orElse(0));
        put(g, vgOf, "vg_mda_copies", v -> v.vg().metadataCopies() == 0 ? new Shown("unmanaged", -1L)
            : (Object) v.vg().metadataCopies());
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
