package org.jlvm.tools.command;

import static org.jlvm.tools.command.ToolHarness.image;
import static org.jlvm.tools.command.ToolHarness.ours;
import static org.jlvm.tools.command.ToolHarness.real;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** thin_trim punches out exactly the unmapped data blocks of a data file and keeps the mapped ones. */
class ThinTrimTest {
    @TempDir
    Path dir;

    @Test
    void unmappedBlocksBecomeHolesMappedOnesKeepTheirData() throws IOException {
        Path md = image(dir, "v3_snapshots");
        int bs = 128 * 512;
        byte[] data = new byte[100 * bs];
        Arrays.fill(data, (byte) 0xab);
        Path dev = Files.write(dir.resolve("data.bin"), data);
        ToolHarness.Result r = ours("thin_trim", "--metadata-dev", md.toString(), "--data-dev", dev.toString());
        assertEquals(0, r.rc(), r.combined());
        byte[] after = Files.readAllBytes(dev);
        assertEquals(data.length, after.length);
        Set<Integer> mapped = Set.of(0, 1, 20);
        for (int b = 0; b < 100; b++) {
            byte want = mapped.contains(b) ? (byte) 0xab : 0;
            for (int i = b * bs; i < (b + 1) * bs; i += 4096) {
                assertEquals(want, after[i], "data block " + b);
            }
        }
        assertEquals(0, real("thin_check", md.toString()).rc());
    }

    @Test
    void commandLineErrors() {
        ToolHarness.Result none = ours("thin_trim");
        assertEquals(1, none.rc());
        assertTrue(none.err().startsWith("Usage: thin_trim"), none.err());
        ToolHarness.Result missing = ours("thin_trim", "--metadata-dev", dir.resolve("m").toString(), "--data-dev",
                dir.resolve("d").toString());
        assertEquals(1, missing.rc());
        assertTrue(!missing.err().isBlank() && !missing.err().contains("Exception"), missing.err());
        assertEquals(real("thin_trim", "--help").out(), ours("thin_trim", "--help").out());
    }
}
