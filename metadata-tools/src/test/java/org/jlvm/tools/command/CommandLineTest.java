package org.jlvm.tools.command;

import static org.jlvm.tools.command.ToolHarness.ours;
import static org.jlvm.tools.command.ToolHarness.real;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every tool: unknown options and missing or unreadable files give a message and exit code 1. */
class CommandLineTest {
    static final List<String> TOOLS = List.of("thin_check", "thin_dump", "thin_ls", "thin_delta", "thin_rmap",
            "thin_restore", "thin_repair", "thin_metadata_size");

    @TempDir
    Path dir;

    @Test
    void unknownOptionsAreRejected() {
        for (String t : TOOLS) {
            ToolHarness.Result r = ours(t, "--bogus-option");
            assertEquals(1, r.rc(), t);
            assertTrue(r.err().contains("bogus-option"), t + ": " + r.err());
            assertEquals(1, real(t, "--bogus-option").rc(), t + " (real)");
        }
    }

    @Test
    void missingFilesAreReportedWithoutAStackTrace() {
        String missing = dir.resolve("missing.bin").toString();
        String[][] runs = {{"thin_check", missing}, {"thin_dump", missing}, {"thin_ls", missing},
            {"thin_delta", "--snap1", "0", "--snap2", "1", missing}, {"thin_rmap", "--region", "0..1", missing},
            {"thin_restore", "-i", missing, "-o", missing}, {"thin_repair", "-i", missing, "-o", missing}};
        for (String[] r : runs) {
            String[] args = java.util.Arrays.copyOfRange(r, 1, r.length);
            ToolHarness.Result o = ours(r[0], args);
            assertEquals(1, o.rc(), r[0]);
            assertFalse(o.err().isBlank(), r[0]);
            assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
            assertEquals(real(r[0], args).rc(), o.rc(), r[0] + " (real)");
        }
    }

    @Test
    void unreadableAndTinyFilesGiveAVerdict() throws Exception {
        Path tiny = dir.resolve("tiny.bin");
        java.nio.file.Files.write(tiny, new byte[100]);
        Path zero = ToolHarness.blank(dir.resolve("zero.bin"), 1 << 20);
        for (Path p : new Path[] {tiny, zero}) {
            for (String t : new String[] {"thin_check", "thin_dump", "thin_ls"}) {
                ToolHarness.Result o = ours(t, p.toString());
                assertEquals(1, o.rc(), t + " " + p);
                assertFalse(o.err().contains("Exception"), o.err());
                assertEquals(real(t, p.toString()).rc(), o.rc(), t + " " + p + " (real)");
            }
        }
    }
}
