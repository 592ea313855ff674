package org.jlvm.cli.report.lvm;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jlvm.cli.lvm.ondisk.MetadataArea;

/** The Physical Volume, label and PV segment fields of {@code pvs} rows (orphan PVs too). */
final class PvFields {

    private PvFields() {
    }

    static void bind(Map<String, Function<PvRow, Object>> g) {
        g.put("pv_fmt", r -> "lvm2");
        g.put("pv_uuid", r -> r.file().label().pvUuid().formatted());
        g.put("dev_size", r -> r.file().label().deviceSize());
        g.put("pv_name", PvRow::path);
        g.put("pv_mda_size", r -> r.file().metadataAreas().stream().mapToLong(MetadataArea::size).min().orElse(0));
        g.put("pv_ext_vsn", r -> (long) r.file().label().extVersion());
        g.put("pe_start", r -> r.file().label().peStartBytes());
        g.put("pv_size", r -> r.pv() == null ? r.file().label().deviceSize() : r.pv().peCount() * r.vg().extentBytes());
        g.put("pv_free", r -> r.pv() == null ? r.file().label().deviceSize() : free(r) * r.vg().extentBytes());
        g.put("pv_used", r -> r.pv() == null ? 0L : (r.pv().peCount() - free(r)) * r.vg().extentBytes());
        g.put("pv_attr", PvFields::attr);
        g.put("pv_allocatable", PvFields::allocatable);
        g.put("pv_exported", PvFields::exported);
        g.put("pv_missing", r -> false);
        g.put("pv_pe_count", r -> r.pv() == null ? 0L : r.pv().peCount());
        g.put("pv_pe_alloc_count", r -> r.pv() == null ? 0L : r.pv().peCount() - free(r));
        g.put("pv_tags", r -> r.pv() == null ? List.of() : r.pv().tags());
        g.put("pv_mda_count", r -> (long) r.file().metadataAreas().size());
        g.put("pv_mda_used_count", r -> r.file().metadataAreas().stream().filter(m -> !m.isIgnored()).count());
        g.put("pv_ba_start", r -> r.pv() == null ? 0L : r.pv().baStart() * 512);
        g.put("pv_ba_size", r -> r.pv() == null ? 0L : r.pv().baSize() * 512);
        g.put("pv_in_use", r -> r.pv() != null);
        g.put("pv_duplicate", r -> false);
        g.put("pv_device_id", r -> r.pv() == null || r.pv().deviceId() == null ? "" : r.pv().deviceId());
        g.put("pv_device_id_type", r -> r.pv() == null || r.pv().deviceIdType() == null ? "" : r.pv().deviceIdType());
        g.put("pvseg_start", r -> r.segment() == null ? null : (Object) r.segment().start());
        g.put("pvseg_size", r -> r.segment() == null ? null : (Object) r.segment().size());
    }

    private static long free(PvRow r) {
        return r.vg().freeExtents(r.pv().name());
    }

    private static boolean allocatable(PvRow r) {
        return r.pv() != null && r.pv().status().contains("ALLOCATABLE");
    }

    private static boolean exported(PvRow r) {
        return r.vg() != null && r.vg().vg().status().contains("EXPORTED");
    }

    private static String attr(PvRow r) {
        if (r.pv() == null) {
            return "---";
        }
        return (allocatable(r) ? "a" : "-") + (exported(r) ? "x" : "-") + "-";
    }
}
