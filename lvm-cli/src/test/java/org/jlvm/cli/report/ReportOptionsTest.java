package org.jlvm.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import org.jlvm.cli.report.ReportCapturesTest.Printed;
import org.jlvm.cli.report.ThinVg.Lv;
import org.junit.jupiter.api.Test;

/** Report options beyond the recorded sessions, checked against lvm2's rules ({@code libdm-report.c}, {@code reporter.c}). */
class ReportOptionsTest {

    private static Printed lvs(List<Lv> rows, ReportOptions.Builder b) {
        return ReportCapturesTest.run(ThinVg.lvsType(), rows, b.zone(ZoneOffset.UTC).build());
    }

    @Test
    void compactDropsColumnsBlankInEveryRow() {
        Printed p = lvs(ThinVg.visible(), ReportOptions.builder().columns("lv_name,origin,move_pv,lv_size")
            .columns("#origin,move_pv"));
        assertEquals("  LV      Origin LSize \n"
            + "  lve            40.00m\n"
            + "  pool0          64.00m\n"
            + "  snap1   thin1   1.00g\n"
            + "  snaplve lve    40.00m\n"
            + "  thin1           1.00g\n", p.text());
        Printed last = lvs(ThinVg.named("thin1"), ReportOptions.builder().columns("lv_name,move_pv")
            .columns("#move_pv"));
        assertEquals("  LV    \n  thin1\n", last.text(), "the heading keeps the separator of a compacted last column");
    }

    @Test
    void binaryValuesAsNumbers() {
        Printed p = lvs(ThinVg.named("pool0", "lve", "snap1"), ReportOptions.builder()
            .columns("lv_name,zero,skip_activation").binary());
        assertEquals("  LV    Zero SkipAct        \n"
            + "  lve     -1               0\n"
            + "  pool0    1               0\n"
            + "  snap1    1               1\n", p.text());
    }

    @Test
    void columnsRemovedWithOrWithoutPrefixAndAllGroups() throws ReportException {
        Report<Lv> r = new Report<>(ThinVg.lvsType());
        String out = r.render(ThinVg.named("thin1"), ReportOptions.builder().columns("name,size,attr")
            .columns("-lv_size").columns("-attr").build());
        assertEquals("  LV   \n  thin1\n", out);
        String all = r.render(ThinVg.named("thin1"), ReportOptions.builder().columns("vg_all").build());
        assertEquals("  VG\n  vg\n", all);
    }

    @Test
    void separatorAlignedUnquotedAndRowsWithoutHeadings() {
        assertEquals("  LV   |LSize \n  pool0|64.00m\n  thin1| 1.00g\n", lvs(ThinVg.named("thin1", "pool0"),
            ReportOptions.builder().columns("lv_name,lv_size").separator("|").aligned()).text());
        assertEquals("  LVM2_LV_NAME=thin1 LVM2_LV_SIZE=1.00g\n", lvs(ThinVg.named("thin1"),
            ReportOptions.builder().columns("lv_name,lv_size").namePrefixes().unquoted().noHeadings()).text());
        assertEquals("  pool0,thin1\n  64.00m,1.00g\n", lvs(ThinVg.named("thin1", "pool0"),
            ReportOptions.builder().columns("lv_name,lv_size").rows().noHeadings().separator(",")).text());
    }

    @Test
    void emptyReports() {
        assertEquals("", lvs(List.of(), ReportOptions.builder()).text());
        assertEquals("""
              {
                  "report": [
                      {
                          "lv": [
                          ]
                      }
                  ]
              }
            """, lvs(List.of(), ReportOptions.builder().format(ReportFormat.JSON)).text());
    }

    @Test
    void jsonEscapesQuotes() {
        Lv odd = ThinVg.named("thin1").get(0);
        ReportType<Lv> t = ThinVg.lvsType().bind(java.util.Map.of("lv_host", lv -> "a\"b"));
        Printed p = ReportCapturesTest.run(t, List.of(odd), ReportOptions.builder().columns("lv_name,lv_host")
            .format(ReportFormat.JSON).build());
        assertTrue(p.text().contains("{\"lv_name\":\"thin1\", \"lv_host\":\"a\\\"b\"}\n"), p.text());
    }

    @Test
    void sortKeysAscendingDescendingAndDuplicates() {
        Printed p = lvs(ThinVg.visible(), ReportOptions.builder().columns("lv_name").sort("-lv_size,+lv_name,name"));
        assertEquals("  dm_report: Ignoring duplicate sort field: lv_name.\n"
            + "  LV     \n"
            + "  snap1  \n"
            + "  thin1  \n"
            + "  pool0  \n"
            + "  lve    \n"
            + "  snaplve\n", p.text());
    }

    @Test
    void badOptions() {
        Printed sort = lvs(ThinVg.visible(), ReportOptions.builder().sort("nosuch"));
        assertEquals(5, sort.exit());
        assertTrue(sort.text().endsWith("   \n  dm_report: Unrecognised field: nosuch\n"), sort.text());
        Printed empty = lvs(ThinVg.visible(), ReportOptions.builder().columns(""));
        assertEquals(3, empty.exit());
        assertEquals("  Invalid options string: \n", empty.text());
        Printed unbound = lvs(ThinVg.visible(), ReportOptions.builder().columns("lv_uuid"));
        assertEquals(5, unbound.exit());
        assertEquals("  Field lv_uuid is not reported by jlvm.\n", unbound.text());
        assertEquals("Invalid argument for --reportformat: json_std",
            assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("json_std")).getMessage());
    }

    @Test
    void headingLongerThanItsDeclaredWidthIsCut() {
        ReportType<Lv> t = ThinVg.lvsType().bind(java.util.Map.of("lv_initial_image_sync", lv -> false));
        Printed p = ReportCapturesTest.run(t, ThinVg.named("thin1"), ReportOptions.builder()
            .columns("lv_initial_image_sync").build());
        assertEquals("  InitImgSyn\n            \n", p.text());
    }

    @Test
    void getterOfTheWrongTypeIsReportedAsAProgrammingError() {
        ReportType<Lv> t = ThinVg.lvsType().bind(java.util.Map.of("seg_count", lv -> "three"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Report<>(t)
            .render(ThinVg.named("thin1"), ReportOptions.builder().columns("seg_count").build()));
        assertEquals("a NUMBER field's getter returned a java.lang.String (see ValueKind for the types each kind takes)",
            e.getMessage());
    }
}
