package org.jlvm.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import org.jlvm.cli.report.ReportCapturesTest.Printed;
import org.jlvm.cli.report.ThinVg.Lv;
import org.junit.jupiter.api.Test;

/** {@code -S}: what each operator selects on the thin VG's LVs, and lvm2's messages for bad selections. */
class SelectionTest {

    private static Printed select(String selection) {
        return ReportCapturesTest.run(ThinVg.lvsType(), ThinVg.all(), ReportOptions.builder().zone(ZoneOffset.UTC)
            .select(selection).columns("lv_name").noHeadings().separator("").build());
    }

    /** The names of the selected LVs, in report order. */
    private static List<String> names(String selection) {
        Printed p = select(selection);
        assertEquals(0, p.exit(), selection + ": " + p.text());
        return p.text().lines().map(String::strip).toList();
    }

    @Test
    void comparisonsOnEachKind() {
        assertEquals(List.of("snap1", "thin1"), names("lv_size>100m"));
        assertEquals(List.of("snap1", "thin1"), names("size >= 1g"));
        assertEquals(List.of("[lvol0_pmspare]", "[pool0_tmeta]"), names("lv_size<5m"));
        assertEquals(List.of("[lvol0_pmspare]", "[pool0_tmeta]"), names("lv_size=4"));
        assertEquals(List.of("pool0"), names("chunk_size=64k"));
        assertEquals(List.of("snap1", "snaplve"), names("thin_id>=2"));
        assertEquals(List.of("snap1"), names("transaction_id=1"));
        assertEquals(List.of("pool0"), names("lv_name=pool0"));
        assertEquals(List.of("[pool0_tmeta]"), names("lv_name='pool0_tmeta'"));
        assertEquals(List.of("snap1"), names("skip_activation=1"));
        assertEquals(List.of("snap1"), names("skip_activation=skip"));
        assertEquals(List.of("snap1"), names("skip_activation=yes"));
        assertEquals(List.of("pool0", "snap1", "snaplve", "thin1"), names("zero=zero"));
        assertEquals(List.of("lve", "[lvol0_pmspare]", "[pool0_tdata]", "[pool0_tmeta]"), names("zero=undefined"));
        assertEquals(List.of("thin1"), names("lv_time=\"2026-11-22 20:08:34\""));
        assertEquals(List.of("thin1"), names("lv_time since 2026-11-01"));
    }

    @Test
    void undefinedNumbersNeverPassAnOrderingComparison() {
        assertEquals(List.of("pool0", "snap1", "snaplve", "thin1"), names("transaction_id<1000"));
        assertEquals(List.of(), names("data_percent>=0"));
        assertEquals(List.of(), names("data_percent!=50"));
    }

    @Test
    void regularExpressions() {
        assertEquals(List.of("snap1", "snaplve", "thin1"), names("lv_attr=~^V"));
        assertEquals(List.of("lve", "[lvol0_pmspare]", "pool0", "[pool0_tdata]", "[pool0_tmeta]"),
            names("lv_attr!~^V"));
        assertEquals(List.of("snap1", "snaplve"), names("lv_name=~'^snap'"));
        assertEquals(List.of("pool0", "[pool0_tdata]", "[pool0_tmeta]"), names("lv_name=~(pool0)"));
    }

    @Test
    void logicalOperatorsAndGrouping() {
        assertEquals(List.of("snaplve", "thin1"), names("pool_lv=pool0 && skip_activation=0"));
        assertEquals(List.of("snaplve", "thin1"), names("pool_lv=pool0,skip_activation=0"));
        assertEquals(List.of("lve", "thin1"), names("lv_name=thin1 || lv_name=lve"));
        assertEquals(List.of("lve", "thin1"), names("lv_name=thin1 # lv_name=lve"));
        assertEquals(List.of("snap1", "snaplve"), names("!(lv_name=thin1) && pool_lv=pool0"));
        assertEquals(List.of("snaplve", "thin1"),
            names("(lv_name=thin1 || lv_name=snaplve) && (origin=lve || origin=\"\")"));
    }

    @Test
    void stringLists() {
        assertEquals(List.of("pool0"), names("lv_layout=[thin,pool]"));
        assertEquals(List.of("pool0"), names("lv_layout=[pool,thin]"));
        assertEquals(List.of("pool0", "snap1", "snaplve", "thin1"), names("lv_layout={thin}"));
        assertEquals(List.of("lve", "[lvol0_pmspare]", "[pool0_tdata]", "[pool0_tmeta]"), names("lv_layout=linear"));
        assertEquals(List.of("lve", "snap1", "snaplve", "thin1"), names("lv_role=[origin||snapshot]"));
        assertEquals(List.of("[pool0_tdata]", "[pool0_tmeta]"), names("lv_role={thin,private}"));
        assertEquals(List.of("[pool0_tmeta]"), names("lv_role=[thin,private,pool,metadata]"));
        assertEquals(List.of("pool0", "snap1", "snaplve", "thin1"), names("lv_layout!=linear"));
    }

    @Test
    void helpListsTypedFieldsAndOperators() {
        Printed p = select("help");
        assertEquals(0, p.exit());
        assertTrue(p.text().contains("    lv_size                     - Size of LV in current units. [size]\n"));
        assertTrue(p.text().contains("    help                        - Show help. [unselectable number]\n"));
        assertTrue(p.text().contains("  Selection operators\n  -------------------\n  "
            + "  Comparison operators:\n          =~  - Matching regular expression. [regex]\n"));
        assertTrue(p.text().endsWith("         }  - List subset end\n   \n"), p.text());
    }

    private static void assertFails(String selection, String stderr) {
        Printed p = select(selection);
        assertEquals(5, p.exit(), selection);
        assertTrue(p.text().endsWith(stderr), selection + " printed:\n" + p.text());
    }

    @Test
    void badSelectionsFailWithLvmMessages() {
        assertFails("bogus=1", "    pvseg_size                  - Number of extents in segment. [number]\n   \n"
            + "  Special Fields\n  --------------\n"
            + "    selected                    - Set if item passes selection criteria. [number]\n"
            + "    help                        - Show help. [unselectable number]\n"
            + "    ?                           - Show help. [unselectable number]\n   \n"
            + "  Unrecognised selection field: bogus\n"
            + "  Selection syntax error at 'bogus=1'.\n  Use 'help' for selection to get more help.\n");
        assertFails("lv_name~x", "  Unrecognised comparison operator: ~x\n"
            + "  Selection syntax error at 'lv_name~x'.\n  Use 'help' for selection to get more help.\n");
        assertFails("lv_name>x", "  Operator can be used only with number, size, time or percent fields: lv_name>x\n"
            + "  Selection syntax error at 'lv_name>x'.\n  Use 'help' for selection to get more help.\n");
        assertFails("lv_size>big", "  Failed to parse numeric value for selection field lv_size.\n"
            + "  Selection syntax error at 'lv_size>big'.\n  Use 'help' for selection to get more help.\n");
        assertFails("thin_id=3k", "  Found size unit specifier but numeric value expected for selection field "
            + "thin_id.\n  Selection syntax error at 'thin_id=3k'.\n  Use 'help' for selection to get more help.\n");
        assertFails("lv_size=50%", "  Found percent value but size value expected for selection field lv_size.\n"
            + "  Selection syntax error at 'lv_size=50%'.\n  Use 'help' for selection to get more help.\n");
        assertFails("data_percent>101", "  Field selection value 101 out of supported range for field "
            + "data_percent.\n");
        assertFails("lv_size=~1", "  dm_report: incompatible comparison type for selection field lv_size\n");
        assertFails("lv_name=thin1 lv_name=lve", "  Expecting logical operator\n"
            + "  Selection syntax error at 'lv_name=lve'.\n  Use 'help' for selection to get more help.\n");
        assertFails("(lv_name=thin1", "  Syntax error: right parenthesis expected at ''\n");
        assertFails("!lv_name=thin1", "  Syntax error: left parenthesis expected at 'lv_name=thin1'\n");
        assertFails("lv_name='thin1", "  Missing end quote.\n  Failed to parse string value for selection field "
            + "lv_name.\n  Selection syntax error at 'lv_name='thin1'.\n  Use 'help' for selection to get more help.\n");
        assertFails("lv_role=[a,b||c]", "  Only one type of logical operator allowed in selection list at a time.\n"
            + "  Failed to parse string list value for selection field lv_role.\n"
            + "  Selection syntax error at 'lv_role=[a,b||c]'.\n  Use 'help' for selection to get more help.\n");
        assertFails("lv_role=[a,b}", "  List ended with incorrect character, expecting ']'.\n"
            + "  Failed to parse string list value for selection field lv_role.\n"
            + "  Selection syntax error at 'lv_role=[a,b}'.\n  Use 'help' for selection to get more help.\n");
        assertFails("lv_uuid=x", "  Field lv_uuid is not reported by jlvm.\n");
    }

    @Test
    void selectedFieldKeepsEveryRowAndShowsTheVerdict() {
        Printed p = ReportCapturesTest.run(ThinVg.lvsType(), ThinVg.visible(), ReportOptions.builder()
            .select("lv_size>100m").columns("lv_name,selected").build());
        assertEquals(0, p.exit());
        assertEquals("""
              LV      Selected
              lve            0
              pool0          0
              snap1          1
              snaplve        0
              thin1          1
            """, p.text());
    }

    @Test
    void selectionFieldsNeedNotBeShown() {
        List<Lv> rows = ThinVg.visible();
        Printed p = ReportCapturesTest.run(ThinVg.lvsType(), rows, ReportOptions.builder()
            .select("thin_id<3").columns("lv_name").build());
        assertEquals("  LV   \n  snap1\n  thin1\n", p.text());
    }
}
