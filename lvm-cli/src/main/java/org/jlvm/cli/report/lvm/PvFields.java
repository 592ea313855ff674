package org.jlvm.cli.report.lvm;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jlvm.cli.lvm.ondisk.MetadataArea;

/** The Physical Volume, label and PV segment fields of {@code pvs} rows (orphan PVs too). */
final class PvFields {

    /** The fields {@link #bind} binds, in its order; each getter is made when a report first uses it. */
    private static final List<String> IDS = List.of(
        "pv_fmt", "pv_uuid", "dev_size", "pv_name", "pv_mda_size", "pv_ext_vsn", "pe_start", "pv_size", "pv_free",
        "pv_used", "pv_attr", "pv_allocatable", "pv_exported", "pv_missing", "pv_pe_count", "pv_pe_alloc_count",
        "pv_tags", "pv_mda_count", "pv_mda_used_count", "pv_ba_start", "pv_ba_size", "pv_in_use", "pv_duplicate",
        "pv_device_id", "pv_device_id_type", "pvseg_start", "pvseg_size");

    private PvFields() {
    }

    static void bind(Map<String, Function<PvRow, Object>> g) {
        for (String id : IDS) {
            g.put(id, new LazyField<>(id, PvFields::field));
        }
    }

    /** The getter of {@code id} (linking all of them costs a new JVM about 10 ms; a report uses a few). */
    private static Function<PvRow, Object> field(String id) {
        return switch (id) {
            case "pv_fmt" -> r -> "lvm2";
            case "pv_uuid" -> r -> r.file().label().pvUuid().formatted();
            case "dev_size" -> r -> r.file().label().deviceSize();
            case "pv_name" -> PvRow::path;
            case "pv_mda_size" -> r -> r.file().metadataAreas().stream().mapToLong(MetadataArea::size).min().orElse(0);
            case "pv_ext_vsn" -> r -> (long) r.file().label().extVersion();
            case "pe_start" -> r -> r.file().label().peStartBytes();
            case "pv_size" -> r -> r.pv() == null ? r.file().label().deviceSize()
                : r.pv().peCount() * r.vg().extentBytes();
            case "pv_free" -> r -> r.pv() == null ? r.file().label().deviceSize() : free(r) * r.vg().extentBytes();
            case "pv_used" -> r -> r.pv() == null ? 0L : (r.pv().peCount() - free(r)) * r.vg().extentBytes();
            case "pv_attr" -> PvFields::attr;
            case "pv_allocatable" -> PvFields::allocatable;
            case "pv_exported" -> PvFields::exported;
            case "pv_missing" -> r -> false;
            case "pv_pe_count" -> r -> r.pv() == null ? 0L : r.pv().peCount();
            case "pv_pe_alloc_count" -> r -> r.pv() == null ? 0L : r.pv().peCount() - free(r);
            case "pv_tags" -> r -> r.pv() == null ? List.of() : r.pv().tags();
            case "pv_mda_count" -> r -> (long) r.file().metadataAreas().size();
            case "pv_mda_used_count" -> r -> r.file().metadataAreas().stream().filter(m -> !m.isIgnored()).count();
            case "pv_ba_start" -> r -> r.pv() == null ? 0L : r.pv().baStart() * 512;
            case "pv_ba_size" -> r -> r.pv() == null ? 0L : r.pv().baSize() * 512;
            case "pv_in_use" -> r -> r.pv() != null;
            case "pv_duplicate" -> r -> false;
            case "pv_device_id" -> r -> r.pv() == null || r.pv().deviceId() == null ? "" : r.pv().deviceId();
            case "pv_device_id_type" -> r -> r.pv() == null || r.pv().deviceIdType() == null ? ""
                : r.pv().deviceIdType();
            case "pvseg_start" -> r -> r.segment() == null ? null : (Object) r.segment().start();
            case "pvseg_size" -> r -> r.segment() == null ? null : (Object) r.segment().size();
            default -> throw new IllegalArgumentException("no field " + id);
        };
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
