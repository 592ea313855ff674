package org.jlvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.command.QuickReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvs, vgs and pvs on the quick start (no picocli model) print exactly what the dispatcher's picocli run prints,
 * with the same exit code, for good and bad command lines; what the quick parser does not know goes to picocli.
 */
class QuickReportsTest {
    @TempDir
    static Path tmp;
    static JlvmRunner jlvm;
    static String pv0;
    static String pv1;

    @BeforeAll
    static void vg() {
        jlvm = new JlvmRunner(tmp.resolve("home"));
        pv0 = tmp.resolve("pv0.img").toString();
        pv1 = tmp.resolve("pv1.img").toString();
        jlvm.ok("pvcreate", "--size", "128m", pv0);
        jlvm.ok("pvcreate", "--size", "64m", pv1);
        jlvm.ok("vgcreate", "vg0", pv0, pv1);
        jlvm.ok("lvcreate", "--type", "thin-pool", "-L", "32m", "-n", "pool", "vg0");
        jlvm.ok("lvcreate", "-V", "64m", "-T", "vg0/pool", "-n", "thin");
        jlvm.ok("lvcreate", "-s", "vg0/thin", "-n", "snap");
        jlvm.ok("lvcreate", "-L", "100m", "-n", "lin", "vg0");
    }

    private record Run(int rc, String out, String err) {
    }

    private static Map<String, String> env() {
        return Map.of("JLVM_HOME", jlvm.home().toString(), "JLVM_LOCK_WAIT_MS", "300");
    }

    private static Run quick(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Integer rc = QuickStart.run("jlvm", args, new PrintWriter(o, true), new PrintWriter(e, true), env());
        assertNotNull(rc, () -> String.join(" ", args) + " did not take the quick start");
        return new Run(rc, o.toString(), e.toString());
    }

    private static Run dispatched(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = new Dispatcher(new PrintWriter(o, true), new PrintWriter(e, true), env(),
                new java.io.BufferedReader(new java.io.StringReader("")), false).run("jlvm", args);
        return new Run(rc, o.toString(), e.toString());
    }

    private static List<String[]> good() {
        List<String[]> l = new ArrayList<>();
        l.add(new String[] {"lvs"});
        l.add(new String[] {"lvs", "-a"});
        l.add(new String[] {"lvs", "--all", "vg0"});
        l.add(new String[] {"lvs", "vg0/thin", "vg0/snap"});
        l.add(new String[] {"lvs", "-o", "lv_name,data_percent,thin_id", "--units", "b", "--nosuffix", "--noheadings",
            "--separator", ":"});
        l.add(new String[] {"lvs", "-o+thin_id", "-O", "-lv_name", "-o", "-pool_lv"});
        l.add(new String[] {"lvs", "--options=lv_name,lv_size", "--sort=lv_size", "--units=m"});
        l.add(new String[] {"lvs", "-S", "lv_size>50m", "-a"});
        l.add(new String[] {"lvs", "--select", "pool_lv=pool", "--reportformat", "json"});
        l.add(new String[] {"lvs", "--segments", "-a"});
        l.add(new String[] {"lvs", "-o", "seg_pe_ranges,devices", "-a"});
        l.add(new String[] {"lvs", "--nameprefixes", "--unquoted", "--rows", "--binary", "--aligned"});
        l.add(new String[] {"lvs", "--config", "report/headings=0", "-q", "-v"});
        l.add(new String[] {"lvs", "-t", "-a"});
        l.add(new String[] {"vgs"});
        l.add(new String[] {"vgs", "vg0", "-o", "vg_name,vg_free,pv_count", "--units", "k"});
        l.add(new String[] {"pvs"});
        l.add(new String[] {"pvs", pv1, "--segments"});
        l.add(new String[] {"pvs", "-o", "+pv_used", "-O", "pv_free"});
        return l;
    }

    private static List<String[]> bad() {
        List<String[]> l = new ArrayList<>();
        l.add(new String[] {"lvs", "novg"});
        l.add(new String[] {"lvs", "vg0/nolv"});
        l.add(new String[] {"lvs", "--units", "x"});
        l.add(new String[] {"lvs", "--reportformat", "yaml"});
        l.add(new String[] {"lvs", "-o", "no_such_field"});
        l.add(new String[] {"lvs", "-S", "lv_size ~ ("});
        l.add(new String[] {"lvs", "--config", "report {"});
        l.add(new String[] {"vgs", "novg"});
        l.add(new String[] {"pvs", tmp.resolve("not-a-pv").toString()});
        return l;
    }

    @Test
    void quickStartPrintsWhatTheDispatcherPrints() {
        for (String[] args : good()) {
            Run q = quick(args);
            assertEquals(dispatched(args), q, String.join(" ", args));
            assertEquals(0, q.rc(), () -> String.join(" ", args) + "\n" + q);
        }
        for (String[] args : bad()) {
            Run q = quick(args);
            assertEquals(dispatched(args), q, String.join(" ", args));
            assertTrue(q.rc() == 3 || q.rc() == 5, () -> String.join(" ", args) + "\n" + q);
            assertTrue(!q.err().isBlank(), () -> String.join(" ", args) + "\n" + q);
        }
        Run lvs = quick("lvs", "-a", "-o", "lv_name", "--noheadings");
        assertTrue(lvs.out().contains("[pool_tmeta]") && lvs.out().contains("snap"), lvs.out());
    }

    /** Every field the tables bind makes its getter on first use and prints, on every row of each report. */
    @Test
    void everyBoundFieldPrints() {
        check("lvs", org.jlvm.cli.report.lvm.LvmReportTypes.lvs(false).fields(), "-a");
        check("lvs", org.jlvm.cli.report.lvm.LvmReportTypes.lvs(true).fields(), "-a", "--segments");
        check("vgs", org.jlvm.cli.report.lvm.LvmReportTypes.vgs().fields());
        check("pvs", org.jlvm.cli.report.lvm.LvmReportTypes.pvs(false).fields());
        check("pvs", org.jlvm.cli.report.lvm.LvmReportTypes.pvs(true).fields(), "--segments");
    }

    private static <R> void check(String verb, List<org.jlvm.cli.report.Field<R>> fields, String... more) {
        List<String> ids = fields.stream().filter(org.jlvm.cli.report.Field::bound)
                .map(org.jlvm.cli.report.Field::id).toList();
        assertTrue(ids.size() > 20, verb + " binds " + ids.size());
        List<String> args = new ArrayList<>(List.of(verb, "--noheadings", "--separator", "|", "-o",
                String.join(",", ids)));
        args.addAll(List.of(more));
        Run r = quick(args.toArray(String[]::new));
        assertEquals(0, r.rc(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(!lines.isEmpty(), r.out());
        for (String line : lines) {
            assertEquals(ids.size(), line.split("\\|", -1).length, line);
        }
    }

    @Test
    void whatTheQuickParserDoesNotKnowGoesToPicocli() {
        String[][] left = {
            {"lvs", "-h"}, {"lvs", "--help"}, {"lvs", "-av"}, {"lvs", "-vv"}, {"lvs", "--nosuffix", "--nosuffix"},
            {"lvs", "-O", "lv_name", "--sort", "lv_size"}, {"lvs", "-o"}, {"lvs", "--bogus"}, {"lvs", "--", "vg0"},
            {"lvs", "-o=lv_name"}, {"vgs", "-a"}, {"vgs", "--segments"}, {"pvs", "--all"}, {"lvs", "--version"},
        };
        CliContext ctx = Dispatcher.context("lvs", new String[0], new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), env(), null, false);
        for (String[] args : left) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            assertNull(QuickReports.parse(args[0], rest, ctx), String.join(" ", args));
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int rc = Main.run("jlvm", args, new PrintWriter(o, true), new PrintWriter(e, true), env());
            assertEquals(dispatched(args), new Run(rc, o.toString(), e.toString()), String.join(" ", args));
        }
        assertNull(QuickReports.parse("lvcreate", new String[] {"-a"}, ctx));
    }
}
