package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad report options and names: lvm's one-line messages and exit codes, nothing on stdout but what lvm prints. */
class ReportVerbErrorsTest {

    @TempDir
    static Path tmp;
    static JlvmRunner j;

    @BeforeAll
    static void vg() {
        j = LvmLifecycleTest.lifecycle(tmp);
    }

    private static void fails(int rc, String err, String... command) {
        JlvmRunner.Result r = j.run(command);
        assertEquals(rc, r.rc(), r.toString());
        assertEquals(err, r.err(), r.toString());
    }

    @Test
    void badOptionValues() {
        fails(3, "  Invalid argument for --units: x\n  Error during parsing of command line.\n", "lvs", "--units", "x");
        fails(3, "  Invalid argument for --reportformat: xml\n  Error during parsing of command line.\n",
            "vgs", "--reportformat", "xml");
        fails(3, "  Invalid options string: \n", "pvs", "-o", "");
    }

    @Test
    void unknownNames() {
        fails(5, "  Volume group \"nosuch\" not found\n  Cannot process volume group nosuch\n", "lvs", "nosuch");
        fails(5, "  Volume group \"nosuch\" not found\n  Cannot process volume group nosuch\n", "vgs", "nosuch");
        fails(5, "  Failed to find logical volume \"vg0/nosuch\"\n", "lvs", "vg0/nosuch");
        fails(5, "  Failed to find physical volume \"" + tmp.resolve("nosuch") + "\".\n", "pvs",
            tmp.resolve("nosuch").toString());
    }

    @Test
    void fieldsJlvmDoesNotReportAreRefused() {
        fails(5, "  Field kernel_cache_policy is not reported by jlvm.\n", "lvs", "-o", "kernel_cache_policy");
        fails(5, "  Field pv_mda_free is not reported by jlvm.\n", "pvs", "-o", "+pv_mda_free");
        JlvmRunner.Result r = j.run("vgs", "-o", "nosuch");
        assertEquals(5, r.rc());
        assertEquals("  Unrecognised field: nosuch\n", r.err());
    }

    @Test
    void selectionErrorsAndOneRowPerSegment() {
        JlvmRunner.Result r = j.run("lvs", "-S", "lv_size>>1");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("", r.out().lines().filter(l -> l.contains("vg0")).reduce("", String::concat));
        j.ok("lvcreate", "-L", "4m", "-n", "lin2", "vg0");
        j.ok("lvextend", "-L", "+8m", "vg0/lin");
        assertEquals(java.util.List.of("lin 0 3", "lin 3 2"), j.ok("lvs", "-o", "lv_name,seg_start_pe,seg_size_pe",
            "--noheadings", "vg0/lin").rows().stream().map(x -> x.replaceAll("\\s+", " ")).toList());
    }
}
