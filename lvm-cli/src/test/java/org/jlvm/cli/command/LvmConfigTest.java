package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jlvm.yaml and {@code --config}: lvmconfig's views (outputs as lvm2 2.03.16 prints them, recorded in
 * 05-vg-pv-verbs.txt and in lvm's --type diff layout), the order of precedence (defaults, file, --config), and
 * lvcreate taking its thin pool defaults from allocation/thin_pool_*.
 */
class LvmConfigTest {
    @TempDir
    Path tmp;

    private JlvmRunner j;

    @BeforeEach
    void setUp() {
        j = new JlvmRunner(tmp.resolve("home"));
    }

    @Test
    void noFileMeansDefaults() {
        assertEquals("", j.ok("lvmconfig").out());
        assertEquals("", j.ok("lvmconfig", "--type", "diff").out());
        assertEquals("# thin_pool_zero=1\n", j.ok("lvmconfig", "--type", "default", "allocation/thin_pool_zero").out());
        assertEquals("", j.ok("lvmconfig", "--type", "default", "allocation/thin_pool_chunk_size").out());
        JlvmRunner.Result r = j.run("lvmconfig", "allocation/thin_pool_zero");
        assertEquals(5, r.rc());
        assertEquals("  Configuration node allocation/thin_pool_zero not found\n", r.err());
        assertEquals("thin_pool_zero=1\n", j.ok("lvmconfig", "--type", "full", "allocation/thin_pool_zero").out());
        r = j.run("lvmconfig", "--type", "bogus");
        assertEquals(3, r.rc());
        assertEquals("  Invalid argument for --typeconfig: bogus\n  Error during parsing of command line.\n", r.err());
    }

    @Test
    void fileThenCommandLine() throws IOException {
        Files.createDirectories(j.home());
        Files.writeString(j.home().resolve("jlvm.yaml"), """
                allocation:
                  thin_pool_zero: 0
                  thin_pool_discards: ignore
                  thin_pool_chunk_size: 256
                devices:
                  filter: ["a|.*|"]
                """);
        assertEquals("allocation {\n\tthin_pool_zero=0\n\tthin_pool_discards=\"ignore\"\n\tthin_pool_chunk_size=256\n}\n"
                + "devices {\n\tfilter=[\"a|.*|\"]\n}\n", j.ok("lvmconfig").out());
        assertEquals("thin_pool_zero=1\n",
                j.ok("lvmconfig", "--config", "allocation/thin_pool_zero=1", "allocation/thin_pool_zero").out());
        assertEquals("thin_pool_discards=\"nopassdown\"\n", j.ok("lvmconfig", "--config",
                "allocation { thin_pool_discards=\"nopassdown\" }", "--type", "diff", "allocation/thin_pool_discards")
                .out());
        Path pv = tmp.resolve("pv.img");
        j.ok("pvcreate", "--size", "256m", pv.toString());
        j.ok("vgcreate", "--config", "allocation/physical_extent_size=8192", "vg0", pv.toString());
        assertEquals(List.of("8.00m"), j.ok("vgs", "--noheadings", "-o", "vg_extent_size", "vg0").rows());
        j.ok("lvcreate", "--type", "thin-pool", "-L", "64m", "-n", "p1", "vg0");
        j.ok("lvcreate", "--config", "allocation{thin_pool_zero=1 thin_pool_discards=\"passdown\"}", "--type",
                "thin-pool", "-L", "64m", "-n", "p2", "vg0");
        j.ok("lvcreate", "--type", "thin-pool", "-L", "64m", "-n", "p3", "-c", "64k", "-Z", "y", "--discards",
                "nopassdown", "vg0");
        List<String> rows = j.ok("lvs", "-o", "lv_name,chunk_size,discards,zero", "--noheadings", "--separator", ":",
                "vg0").rows();
        assertEquals(List.of("p1:256.00k:ignore:", "p2:256.00k:passdown:zero", "p3:64.00k:nopassdown:zero"), rows);
    }

    @Test
    void badFileIsOneLine() throws IOException {
        Files.createDirectories(j.home());
        Files.writeString(j.home().resolve("jlvm.yaml"), "allocation: [unclosed\n");
        JlvmRunner.Result r = j.run("lvmconfig");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().startsWith("  ") && r.err().lines().count() == 1, r.toString());
        assertTrue(r.err().contains("jlvm.yaml"), r.toString());
    }

    @Test
    void version() {
        List<String> lines = j.ok("version").out().lines().toList();
        assertEquals("  LVM version:     2.03.16(2) (2022-05-18)", lines.get(0));
        assertTrue(lines.get(1).startsWith("  Library version: jlvm "), lines.toString());
        assertEquals(4, lines.size(), lines.toString());
    }
}
