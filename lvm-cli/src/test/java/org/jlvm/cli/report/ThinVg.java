package org.jlvm.cli.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rows transcribed from the recorded reports of the crafted thin VG {@code vg} (testdata/lvm-captures, files 02
 * and 03): the values lvm2 printed, in the order the VG's metadata lists the LVs. Sizes are in bytes.
 */
final class ThinVg {

    static final long K = 1024;
    static final long M = K * K;
    static final long G = M * K;

    /** One LV as lvm2 reported it. */
    record Lv(String name, boolean hidden, String attr, long size, String pool, String origin, long chunk,
            String discards, Boolean zero, String whenFull, Long thinId, Long transactionId, boolean skip,
            List<String> layout, List<String> role, Long metadataSize, String dataLv, String metadataLv,
            Long thinCount) {

        Lv withSize(long bytes) {
            return new Lv(name, hidden, attr, bytes, pool, origin, chunk, discards, zero, whenFull, thinId,
                transactionId, skip, layout, role, metadataSize, dataLv, metadataLv, thinCount);
        }

        Lv withAttr(String a) {
            return new Lv(name, hidden, a, size, pool, origin, chunk, discards, zero, whenFull, thinId, transactionId,
                skip, layout, role, metadataSize, dataLv, metadataLv, thinCount);
        }
    }

    /** A VG as {@code vgs} reported it. */
    record Vg(String name, long pvCount, long lvCount, long snapCount, String attr, long size, long free,
            long extentSize, long freeCount) {
    }

    /** A PV as {@code pvs} reported it. */
    record Pv(String name, String vg, String fmt, String attr, long size, long free, long peCount, long peAlloc,
            long peStart) {
    }

    static final Instant THIN1_TIME = Instant.parse("2026-11-22T20:08:34Z");

    private static final List<String> LINEAR = List.of("linear");
    private static final List<String> THIN_SPARSE = List.of("thin", "sparse");

    /** All eight LVs in metadata order. */
    static List<Lv> all() {
        return List.of(
            new Lv("pool0", false, "twi-XXtz--", 64 * M, "", "", 64 * K, "passdown", true, "queue", null, 3L, false,
                List.of("thin", "pool"), List.of("private"), 4 * M, "[pool0_tdata]", "[pool0_tmeta]", 3L),
            new Lv("thin1", false, "Vwi-XXtz--", G, "pool0", "", 0, "passdown", true, "", 1L, 0L, false, THIN_SPARSE,
                List.of("public", "origin", "thinorigin"), null, "", "", null),
            new Lv("snap1", false, "Vwi-XXtz-k", G, "pool0", "thin1", 0, "passdown", true, "", 2L, 1L, true,
                THIN_SPARSE, List.of("public", "snapshot", "thinsnapshot"), null, "", "", null),
            new Lv("lve", false, "ori-XX----", 40 * M, "", "", 0, "", null, "", null, null, false, LINEAR,
                List.of("public", "origin", "extthinorigin"), null, "", "", null),
            new Lv("snaplve", false, "Vwi-XXtz--", 40 * M, "pool0", "lve", 0, "passdown", true, "", 3L, 2L, false,
                THIN_SPARSE, List.of("public", "snapshot", "thinsnapshot"), null, "", "", null),
            new Lv("lvol0_pmspare", true, "ewi-XX----", 4 * M, "", "", 0, "", null, "", null, null, false, LINEAR,
                List.of("private", "pool", "spare"), null, "", "", null),
            new Lv("pool0_tmeta", true, "ewi-XX----", 4 * M, "", "", 0, "", null, "", null, null, false, LINEAR,
                List.of("private", "thin", "pool", "metadata"), null, "", "", null),
            new Lv("pool0_tdata", true, "Twi-XX----", 64 * M, "", "", 0, "", null, "", null, null, false, LINEAR,
                List.of("private", "thin", "pool", "data"), null, "", "", null));
    }

    /** The LVs {@code lvs} shows without {@code -a}. */
    static List<Lv> visible() {
        return all().stream().filter(lv -> !lv.hidden()).toList();
    }

    static List<Lv> named(String... names) {
        List<Lv> out = new ArrayList<>();
        for (Lv lv : all()) {
            if (List.of(names).contains(lv.name())) {
                out.add(lv);
            }
        }
        return out;
    }

    static Vg vg() {
        return new Vg("vg", 2, 5, 0, "wz--n-", 504 * M, 392 * M, 4 * M, 98);
    }

    static List<Pv> pvs() {
        return List.of(
            new Pv("/dev/loop0", "vg", "lvm2", "a--", 252 * M, 144 * M, 63, 27, M),
            new Pv("/dev/loop1", "vg", "lvm2", "a--", 252 * M, 248 * M, 63, 1, M));
    }

    /** lvm2's lvs report with the fields these rows carry bound. */
    static ReportType<Lv> lvsType() {
        Map<String, Function<Lv, Object>> g = new LinkedHashMap<>();
        g.put("lv_name", lv -> lv.hidden() ? new Shown("[" + lv.name() + "]", lv.name()) : lv.name());
        g.put("lv_full_name", lv -> "vg/" + lv.name());
        g.put("lv_path", lv -> lv.hidden() ? "" : "/dev/vg/" + lv.name());
        g.put("lv_dm_path", lv -> "/dev/mapper/vg-" + lv.name().replace("-", "--"));
        g.put("vg_name", lv -> "vg");
        g.put("lv_attr", Lv::attr);
        g.put("lv_size", Lv::size);
        g.put("pool_lv", Lv::pool);
        g.put("origin", Lv::origin);
        g.put("data_percent", lv -> null);
        g.put("metadata_percent", lv -> null);
        g.put("move_pv", lv -> "");
        g.put("mirror_log", lv -> "");
        g.put("copy_percent", lv -> null);
        g.put("convert_lv", lv -> "");
        g.put("chunk_size", Lv::chunk);
        g.put("discards", Lv::discards);
        g.put("zero", Lv::zero);
        g.put("lv_when_full", Lv::whenFull);
        g.put("thin_id", Lv::thinId);
        g.put("transaction_id", Lv::transactionId);
        g.put("lv_skip_activation", Lv::skip);
        g.put("lv_layout", Lv::layout);
        g.put("lv_role", Lv::role);
        g.put("lv_metadata_size", Lv::metadataSize);
        g.put("data_lv", Lv::dataLv);
        g.put("metadata_lv", Lv::metadataLv);
        g.put("thin_count", Lv::thinCount);
        g.put("lv_time", lv -> lv.name().equals("thin1") ? THIN1_TIME : null);
        return Lvm2Fields.<Lv>lvs().bind(g);
    }

    static ReportType<Vg> vgsType() {
        Map<String, Function<Vg, Object>> g = new LinkedHashMap<>();
        g.put("vg_name", Vg::name);
        g.put("pv_count", Vg::pvCount);
        g.put("lv_count", Vg::lvCount);
        g.put("snap_count", Vg::snapCount);
        g.put("vg_attr", Vg::attr);
        g.put("vg_size", Vg::size);
        g.put("vg_free", Vg::free);
        g.put("vg_extent_size", Vg::extentSize);
        g.put("vg_free_count", Vg::freeCount);
        return Lvm2Fields.<Vg>vgs().bind(g);
    }

    static ReportType<Pv> pvsType() {
        Map<String, Function<Pv, Object>> g = new LinkedHashMap<>();
        g.put("pv_name", Pv::name);
        g.put("vg_name", Pv::vg);
        g.put("pv_fmt", Pv::fmt);
        g.put("pv_attr", Pv::attr);
        g.put("pv_size", Pv::size);
        g.put("pv_free", Pv::free);
        g.put("pv_pe_count", Pv::peCount);
        g.put("pv_pe_alloc_count", Pv::peAlloc);
        g.put("pe_start", Pv::peStart);
        return Lvm2Fields.<Pv>pvs().bind(g);
    }
}
