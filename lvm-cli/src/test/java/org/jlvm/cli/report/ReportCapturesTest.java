package org.jlvm.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.jlvm.cli.report.ThinVg.Lv;
import org.junit.jupiter.api.Test;

/**
 * Every report in the recorded lvm2 2.03.16 sessions that the engine can express, reproduced byte for byte from
 * rows transcribed from the same output (the rows are input; the layout is what is tested).
 */
class ReportCapturesTest {

    private static final String F01 = "01-pv-vg-create-and-dm-limits.txt";
    private static final String F02 = "02-thin-vg-restore-and-lvs.txt";
    private static final String F03 = "03-report-options.txt";
    private static final String F04 = "04-change-resize-remove.txt";

    /** What a report printed: standard output then standard error, as the capture merged them, and the exit code. */
    record Printed(String text, int exit) {
    }

    static <R> Printed run(ReportType<R> type, List<R> rows, ReportOptions o) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new Report<>(type).print(rows, o, new PrintWriter(out), new PrintWriter(err));
        return new Printed(out.toString() + err, exit);
    }

    private static ReportOptions.Builder opts() {
        return ReportOptions.builder().zone(ZoneOffset.UTC);
    }

    private static void assertLvs(String file, String command, List<Lv> rows, ReportOptions o) throws IOException {
        assertCapture(file, command, 0, ThinVg.lvsType(), rows, o);
    }

    private static <R> void assertCapture(String file, String command, int n, ReportType<R> type, List<R> rows,
            ReportOptions o) throws IOException {
        Captures.Block expected = Captures.find(file, command, n);
        Printed actual = run(type, rows, o);
        assertEquals(expected.output(), actual.text(), command);
        assertEquals(expected.exit(), actual.exit(), command + ": exit code");
    }

    @Test
    void defaultColumns() throws IOException {
        assertLvs(F02, "lvs", ThinVg.visible(), opts().build());
    }

    @Test
    void allWithHiddenLvsInBrackets() throws IOException {
        assertLvs(F02, "lvs -a", ThinVg.all(), opts().build());
    }

    @Test
    void thinFields() throws IOException {
        String fields = "lv_name,lv_attr,lv_size,pool_lv,origin,chunk_size,discards,zero,lv_when_full,thin_id,"
            + "transaction_id,skip_activation,lv_layout,lv_role,lv_metadata_size,data_lv,metadata_lv,thin_count";
        assertLvs(F02, "lvs -a -o " + fields, ThinVg.all(), opts().columns(fields).build());
    }

    @Test
    void vgsAndPvs() throws IOException {
        assertCapture(F02, "vgs", 0, ThinVg.vgsType(), List.of(ThinVg.vg()), opts().build());
        assertCapture(F02, "vgs -o +vg_extent_size,vg_free_count,lv_count,snap_count", 0, ThinVg.vgsType(),
            List.of(ThinVg.vg()), opts().columns("+vg_extent_size,vg_free_count,lv_count,snap_count").build());
        assertCapture(F02, "pvs", 0, ThinVg.pvsType(), ThinVg.pvs(), opts().build());
        assertCapture(F03, "pvs -o+pv_pe_count,pv_pe_alloc_count,pe_start", 0, ThinVg.pvsType(), ThinVg.pvs(),
            opts().columns("+pv_pe_count,pv_pe_alloc_count,pe_start").build());
    }

    @Test
    void json() throws IOException {
        assertLvs(F03, "lvs --reportformat json", ThinVg.visible(), opts().format(ReportFormat.JSON).build());
        assertCapture(F03, "vgs --reportformat json", 0, ThinVg.vgsType(), List.of(ThinVg.vg()),
            opts().format(ReportFormat.JSON).build());
        assertCapture(F03, "pvs --reportformat json -o pv_name,pv_size,pv_free,pv_attr,vg_name", 0,
            ThinVg.pvsType(), ThinVg.pvs(),
            opts().format(ReportFormat.JSON).columns("pv_name,pv_size,pv_free,pv_attr,vg_name").build());
    }

    @Test
    void separatorWithoutHeadingsInMegabytesWithoutSuffix() throws IOException {
        assertLvs(F03, "lvs --noheadings --separator : -o lv_name,lv_attr,lv_size,pool_lv --units m --nosuffix",
            ThinVg.visible(), opts().noHeadings().separator(":").columns("lv_name,lv_attr,lv_size,pool_lv")
                .units(Units.parse("m")).noSuffix().build());
    }

    @Test
    void bytes() throws IOException {
        assertLvs(F03, "lvs --noheadings -o lv_name,lv_size --units b", ThinVg.visible(),
            opts().noHeadings().columns("lv_name,lv_size").units(Units.parse("b")).build());
    }

    @Test
    void selections() throws IOException {
        assertLvs(F03, "lvs -S pool_lv=pool0 && skip_activation=0 -o lv_name,origin", ThinVg.visible(),
            opts().select("pool_lv=pool0 && skip_activation=0").columns("lv_name,origin").build());
        assertLvs(F03, "lvs -S lv_attr=~^V -o lv_name", ThinVg.visible(),
            opts().select("lv_attr=~^V").columns("lv_name").build());
        assertLvs(F03, "lvs -S lv_size>100m -o lv_name,lv_size", ThinVg.visible(),
            opts().select("lv_size>100m").columns("lv_name,lv_size").build());
    }

    @Test
    void sortKeys() throws IOException {
        assertLvs(F03, "lvs -O -lv_size -o lv_name,lv_size", ThinVg.visible(),
            opts().sort("-lv_size").columns("lv_name,lv_size").build());
        assertLvs(F03, "lvs -o+chunk_size,thin_id -O thin_id", ThinVg.visible(),
            opts().columns("+chunk_size,thin_id").sort("thin_id").build());
    }

    @Test
    void removeColumns() throws IOException {
        assertLvs(F03, "lvs -o-data_percent,metadata_percent,move_pv,mirror_log,copy_percent,convert_lv",
            ThinVg.visible(), opts().columns("-data_percent,metadata_percent,move_pv,mirror_log,copy_percent,"
                + "convert_lv").build());
    }

    @Test
    void unitsForOneLv() throws IOException {
        assertLvs(F03, "lvs --units G vg/thin1", ThinVg.named("thin1"), opts().units(Units.parse("G")).build());
        assertLvs(F03, "lvs --units h vg/thin1 vg/pool0", ThinVg.named("thin1", "pool0"),
            opts().units(Units.parse("h")).build());
    }

    @Test
    void namePrefixesAndRows() throws IOException {
        assertLvs(F03, "lvs --nameprefixes --noheadings -o lv_name,lv_attr vg/thin1", ThinVg.named("thin1"),
            opts().namePrefixes().noHeadings().columns("lv_name,lv_attr").build());
        assertLvs(F03, "lvs --rows -o lv_name,lv_size", ThinVg.visible(),
            opts().rows().columns("lv_name,lv_size").build());
    }

    @Test
    void pathAndTimeFields() throws IOException {
        assertLvs(F03, "lvs -o lv_full_name,lv_path,lv_dm_path vg/thin1", ThinVg.named("thin1"),
            opts().columns("lv_full_name,lv_path,lv_dm_path").build());
        assertLvs(F03, "lvs -o lv_name,lv_time vg/thin1", ThinVg.named("thin1"),
            opts().columns("lv_name,lv_time").build());
    }

    @Test
    void unknownFieldListsTheFieldsAndFails() throws IOException {
        assertLvs(F03, "lvs -o bogus", ThinVg.visible(), opts().columns("bogus").build());
    }

    @Test
    void fieldHelp() throws IOException {
        Printed p = run(ThinVg.lvsType(), ThinVg.visible(), opts().columns("help").build());
        assertEquals(Captures.file("lvs-o-help.txt"), p.text());
        assertEquals(0, p.exit());
        Printed sortHelp = run(ThinVg.lvsType(), ThinVg.visible(), opts().sort("help").build());
        assertEquals(Captures.file("lvs-o-help.txt"), sortHelp.text(), "-O help lists the fields too");
        assertEquals(0, sortHelp.exit());
    }

    @Test
    void reportsAfterChanges() throws IOException {
        Lv snap1 = ThinVg.named("snap1").get(0).withAttr("Vri-XXtz-k");
        assertLvs(F04, "lvs -o lv_name,lv_attr vg/snap1", List.of(snap1),
            opts().columns("lv_name,lv_attr").build());
        Lv p = ThinVg.named("pool0").get(0);
        Lv pool0 = new Lv(p.name(), false, "twi-XXt---", p.size(), "", "", p.chunk(), "nopassdown", false, "error",
            null, 3L, false, p.layout(), p.role(), p.metadataSize(), p.dataLv(), p.metadataLv(), p.thinCount());
        assertLvs(F04, "lvs -o lv_name,lv_attr,discards,zero,lv_when_full vg/pool0", List.of(pool0),
            opts().columns("lv_name,lv_attr,discards,zero,lv_when_full").build());
    }

    @Test
    void reportsOfTheChangedVg() throws IOException {
        List<Lv> extended = ThinVg.all().stream().map(lv -> lv.name().equals("thin1") ? lv.withSize(2 * ThinVg.G) : lv)
            .toList();
        assertCapture(F04, "lvs -a", 0, ThinVg.lvsType(), extended, opts().build());
        List<Lv> after = ThinVg.all().stream()
            .filter(lv -> !lv.name().startsWith("snap"))
            .map(lv -> switch (lv.name()) {
                case "lve" -> lv.withAttr("-ri-XX----");
                case "pool0" -> lv.withAttr("twi-XXt---");
                case "thin1" -> lv.withAttr("Vwi-XXt---");
                default -> lv;
            })
            .toList();
        assertCapture(F04, "lvs -a", 1, ThinVg.lvsType(), after, opts().build());
    }

    @Test
    void emptyVg() throws IOException {
        assertCapture(F01, "lvs", 0, ThinVg.lvsType(), List.of(), opts().build());
        assertCapture(F01, "lvs -a", 0, ThinVg.lvsType(), List.of(), opts().build());
        String fields = "lv_name,lv_attr,lv_size,pool_lv,origin,data_percent,metadata_percent,chunk_size,discards,zero,"
            + "lv_when_full,thin_id,transaction_id,skip_activation,lv_layout,lv_role";
        assertCapture(F01, "lvs -a -o " + fields, 0, ThinVg.lvsType(), List.of(), opts().columns(fields).build());
        assertCapture(F01, "vgs", 0, ThinVg.vgsType(),
            List.of(new ThinVg.Vg("vg", 2, 0, 0, "wz--n-", 504 * ThinVg.M, 504 * ThinVg.M, 4 * ThinVg.M, 126)),
            opts().build());
        assertCapture(F01, "pvs", 0, ThinVg.pvsType(), ThinVg.pvs().stream()
            .map(pv -> new ThinVg.Pv(pv.name(), pv.vg(), pv.fmt(), pv.attr(), pv.size(), pv.size(), pv.peCount(), 0,
                pv.peStart()))
            .toList(), opts().build());
    }
}
