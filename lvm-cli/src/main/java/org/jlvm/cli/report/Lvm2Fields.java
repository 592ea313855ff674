package org.jlvm.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lvm2's field catalogue (2.03.16): every field {@code lvs}, {@code vgs} and {@code pvs} know, with lvm2's
 * headings, widths, kinds and help texts, in lvm2's help order, none bound to a getter. The LVM layer binds
 * the ones it reports with {@link ReportType#bind}; the rest stay listed in {@code -o help} and are refused if
 * asked for.
 */
public final class Lvm2Fields {

    /** lvm2's sections in its help order: object type, title, prefix. */
    private static final String[][] SECTIONS = {
        {"LVS", "Logical Volume", "lv_"},
        {"LVSINFO", "Logical Volume Device Info", "lv_"},
        {"LVSSTATUS", "Logical Volume Device Status", "lv_"},
        {"LVSINFOSTATUS", "Logical Volume Device Info and Status Combined", "lv_"},
        {"LABEL", "Physical Volume Label", "pv_"},
        {"PVS", "Physical Volume", "pv_"},
        {"VGS", "Volume Group", "vg_"},
        {"SEGS", "Logical Volume Segment", "seg_"},
        {"PVSEGS", "Physical Volume Segment", "pvseg_"},
    };

    private Lvm2Fields() {
    }

    /** The {@code lvs} report type: default columns and sort keys of {@code report/lvs_cols} and {@code lvs_sort}. */
    public static <R> ReportType<R> lvs() {
        return new ReportType<>("lv", "lv_",
            "lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,metadata_percent,move_pv,mirror_log,"
                + "copy_percent,convert_lv",
            "vg_name,lv_name", sections());
    }

    /** The {@code vgs} report type. */
    public static <R> ReportType<R> vgs() {
        return new ReportType<>("vg", "vg_", "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free",
            "vg_name", sections());
    }

    /** The {@code pvs} report type. */
    public static <R> ReportType<R> pvs() {
        return new ReportType<>("pv", "pv_", "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free", "pv_name",
            sections());
    }

    static <R> List<Section<R>> sections() {
        Map<String, List<Field<R>>> byType = new LinkedHashMap<>();
        for (String[] s : SECTIONS) {
            byType.put(s[0], new ArrayList<>());
        }
        for (String line : Lvm2FieldTable.TSV.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            List<String> names = c.length < 7 || c[6].isEmpty() ? List.of() : Arrays.asList(c[6].split("\\|"));
            Field<R> f = new Field<>(c[4], c[2], Integer.parseInt(c[3]), ValueKind.valueOf(c[1]), c[5], names, null);
            List<Field<R>> list = byType.get(c[0]);
            if (list == null) {
                throw new IllegalStateException("lvm2 field table: unknown section " + c[0]);
            }
            list.add(f);
        }
        List<Section<R>> out = new ArrayList<>();
        for (String[] s : SECTIONS) {
            out.add(new Section<>(s[1], s[2], byType.get(s[0])));
        }
        return out;
    }
}
