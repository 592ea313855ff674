package org.jlvm.cli.report.lvm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jlvm.cli.report.Field;
import org.jlvm.cli.report.Lvm2Fields;
import org.jlvm.cli.report.ReportType;
import org.jlvm.cli.report.Section;

/**
 * The report types of {@code lvs}, {@code vgs} and {@code pvs}: lvm2's catalogue with the fields jlvm reports
 * bound to its rows, lvm2's defaults, and for {@code --segments} lvm2's segment defaults.
 */
public final class LvmReportTypes {

    private LvmReportTypes() {
    }

    /** {@code lvs}; with {@code segments} the columns and sort keys of {@code lvs --segments}. */
    public static ReportType<LvRow> lvs(boolean segments) {
        Map<String, Function<LvRow, Object>> g = new LinkedHashMap<>();
        LvFields.bind(g);
        SegFields.bind(g);
        VgFields.bind(g, LvRow::vg);
        JlvmFields.bind(g);
        ReportType<LvRow> t = Lvm2Fields.<LvRow>lvs().withSection(JlvmFields.SECTION).bind(g);
        return segments ? t.withDefaults("seg", "lv_name,vg_name,lv_attr,stripes,segtype,seg_size",
            "vg_name,lv_name,seg_start") : t;
    }

    /** {@code vgs}. */
    public static ReportType<VgView> vgs() {
        Map<String, Function<VgView, Object>> g = new LinkedHashMap<>();
        VgFields.bind(g, v -> v);
        return Lvm2Fields.<VgView>vgs().bind(g);
    }

    /** {@code pvs}; with {@code segments} the columns and sort keys of {@code pvs --segments}. */
    public static ReportType<PvRow> pvs(boolean segments) {
        Map<String, Function<PvRow, Object>> g = new LinkedHashMap<>();
        PvFields.bind(g);
        VgFields.bind(g, PvRow::vg);
        ReportType<PvRow> t = Lvm2Fields.<PvRow>pvs().bind(g);
        return segments ? t.withDefaults("pvseg", "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,"
            + "pvseg_size", "pv_name,pvseg_start") : t;
    }

    /** True when the options name a segment field of {@code lvs}: lvm then reports one row per segment. */
    public static boolean namesLvSegmentField(ReportType<LvRow> type, Set<String> named) {
        return names(type, named, "Logical Volume Segment");
    }

    /** True when the options name a PV segment field of {@code pvs}. */
    public static boolean namesPvSegmentField(ReportType<PvRow> type, Set<String> named) {
        return names(type, named, "Physical Volume Segment");
    }

    private static <R> boolean names(ReportType<R> type, Set<String> named, String title) {
        for (Section<R> s : type.sections()) {
            if (s.title().equals(title) && s.fields().stream().map(Field::id).anyMatch(named::contains)) {
                return true;
            }
        }
        return false;
    }
}
