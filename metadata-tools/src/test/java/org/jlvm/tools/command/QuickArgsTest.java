package org.jlvm.tools.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start (QuickArgs) takes only simple command lines, and on those the tools print, write and exit exactly
 * as they do when picocli parses the same command line.
 */
class QuickArgsTest {
    @TempDir
    Path dir;

    @Test
    void simpleCommandLinesRunAsWithPicocli() throws Exception {
        String snap = ToolHarness.image(dir, "v5_metasnap").toString();
        String many = ToolHarness.image(dir, "v4_many").toString();
        String needsCheck = ToolHarness.image(dir, "v7_needs_check").toString();
        String missing = dir.resolve("missing.bin").toString();
        List<String[]> lines = new ArrayList<>();
        for (String img : new String[] {snap, many, needsCheck, missing}) {
            lines.add(new String[] {"thin_check", img});
            lines.add(new String[] {"thin_check", "-q", img});
            lines.add(new String[] {"thin_check", "--quiet", "--super-block-only", img});
            lines.add(new String[] {"thin_check", "--skip-mappings", img});
            lines.add(new String[] {"thin_check", "-m", img});
            lines.add(new String[] {"thin_check", "--ignore-non-fatal-errors", img, img});
            lines.add(new String[] {"thin_dump", img});
            lines.add(new String[] {"thin_dump", "-f", "human_readable", img});
            lines.add(new String[] {"thin_dump", "--format", "xml", "--skip-mappings", img});
            lines.add(new String[] {"thin_dump", "--format", "yaml", img});
            lines.add(new String[] {"thin_dump", "-r", img});
            lines.add(new String[] {"thin_dump", "--dev-id", "1", img});
            lines.add(new String[] {"thin_dump", "--dev-id", "x", img});
            lines.add(new String[] {"thin_dump", "--transaction-id", "7", "--data-block-size", "128", img});
        }
        lines.add(new String[] {"thin_check"});
        lines.add(new String[] {"thin_check", "--auto-repair", "--super-block-only", many});
        lines.add(new String[] {"thin_dump"});
        lines.add(new String[] {"thin_restore", "-i", missing, "-o", missing});
        lines.add(new String[] {"thin_restore", "-i", missing});
        for (String[] line : lines) {
            String[] args = java.util.Arrays.copyOfRange(line, 1, line.length);
            ToolHarness.Result quick = ToolHarness.quick(line[0], args);
            assertNotNull(quick, String.join(" ", line) + " should take the quick path");
            assertEquals(ToolHarness.picocli(line[0], args).combined(), quick.combined(), String.join(" ", line));
        }
    }

    @Test
    void filesWrittenOnTheQuickPathAreTheSame() throws Exception {
        Path xml = ToolHarness.vectors().resolve("v3_snapshots.xml");
        Path a = ToolHarness.blank(dir.resolve("a.bin"), 4 << 20);
        Path b = ToolHarness.blank(dir.resolve("b.bin"), 4 << 20);
        ToolHarness.Result q = ToolHarness.quick("thin_restore", "-i", xml.toString(), "-o", a.toString(), "-q");
        assertNotNull(q);
        ToolHarness.Result p = ToolHarness.picocli("thin_restore", "-i", xml.toString(), "-o", b.toString(), "-q");
        assertEquals(p.combined(), q.combined());
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(a));
        Path qd = dir.resolve("q.xml");
        Path pd = dir.resolve("p.xml");
        q = ToolHarness.quick("thin_dump", "-o", qd.toString(), a.toString());
        assertNotNull(q);
        p = ToolHarness.picocli("thin_dump", "-o", pd.toString(), a.toString());
        assertEquals(p.combined(), q.combined());
        assertEquals(Files.readString(pd), Files.readString(qd));
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        String img = dir.resolve("x.bin").toString();
        String[][] declined = {{"thin_check", "-h"}, {"thin_check", "--help"}, {"thin_check", "-V", img},
            {"thin_check", "-qm", img}, {"thin_check", "-q", "-q", img}, {"thin_check", "-q", "--quiet", img},
            {"thin_check", "--bogus", img}, {"thin_check", "", img}, {"thin_check", "@" + img},
            {"thin_check", "--", img}, {"thin_check", "--override-mapping-root", "5", img},
            {"thin_dump", "--format=xml", img}, {"thin_dump", "-o"}, {"thin_dump", "-m", img},
            {"thin_dump", "--dev-id", "-1", img}, {"thin_dump", "-f", "xml", "--format", "xml", img},
            {"thin_dump", "-o", "a\0b", img}, {"thin_restore", "-i", img, "-o", img, img},
            {"thin_ls", img}, {"thin_repair", "-i", img, "-o", img}};
        for (String[] line : declined) {
            assertNull(ToolHarness.quick(line[0], java.util.Arrays.copyOfRange(line, 1, line.length)),
                    String.join(" ", line));
        }
    }
}
