package org.jlvm.tools.command;

import static org.jlvm.tools.command.ToolHarness.assertSame;
import static org.jlvm.tools.command.ToolHarness.expected;
import static org.jlvm.tools.command.ToolHarness.image;
import static org.jlvm.tools.command.ToolHarness.ours;
import static org.jlvm.tools.command.ToolHarness.read;
import static org.jlvm.tools.command.ToolHarness.real;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** thin_ls, thin_delta, thin_rmap and thin_metadata_size against the recorded and the real 0.9.0 outputs. */
class OtherToolsTest {
    @TempDir
    Path dir;

    @Test
    void recordedOutputs() throws IOException {
        for (String v : ThinCheckTest.VECTORS) {
            Path p = image(dir, v);
            assertEquals(read(expected(v + ".thin_ls.txt")), ours("thin_ls", p.toString()).out(), v);
        }
        Path v3 = image(dir, "v3_snapshots");
        assertEquals(read(expected("v3_snapshots.thin_ls_no_headers.txt")),
                ours("thin_ls", "--no-headers", v3.toString()).out());
        assertEquals(read(expected("v3_snapshots.thin_ls_all_fields.txt")), ours("thin_ls", "-o",
                "DEV,MAPPED_BLOCKS,EXCLUSIVE_BLOCKS,SHARED_BLOCKS,MAPPED_SECTORS,EXCLUSIVE_SECTORS,SHARED_SECTORS,"
                        + "MAPPED_BYTES,EXCLUSIVE_BYTES,SHARED_BYTES,MAPPED,EXCLUSIVE,SHARED,TRANSACTION,"
                        + "CREATE_TIME,SNAP_TIME", v3.toString()).out());
        assertEquals(read(expected("v3_snapshots.thin_delta_0_1.xml")),
                ours("thin_delta", "--snap1", "0", "--snap2", "1", v3.toString()).out());
        assertEquals(read(expected("v3_snapshots.thin_delta_1_0.xml")),
                ours("thin_delta", "--snap1", "1", "--snap2", "0", v3.toString()).out());
        assertEquals(read(expected("v3_snapshots.thin_delta_0_1_verbose.xml")),
                ours("thin_delta", "--verbose", "--snap1", "0", "--snap2", "1", v3.toString()).out());
        assertEquals(read(expected("v3_snapshots.thin_rmap_0..25.txt")),
                ours("thin_rmap", "--region", "0..25", v3.toString()).out());
        assertEquals(read(expected("v4_many.thin_rmap_0..1000.txt")),
                ours("thin_rmap", "--region", "0..1000", image(dir, "v4_many").toString()).out());
        assertEquals(read(expected("v6_shadowed.thin_delta_m_0_0.xml")),
                ours("thin_delta", "-m", "--snap1", "0", "--snap2", "0", image(dir, "v6_shadowed").toString()).out());
    }

    @Test
    void highestFieldsOfThe1xTools() throws IOException {
        // v3: device 0 maps virtual 0, 1 and 5; devices 1 and 2 map 0 and 1; 64 KiB blocks; v1 has no devices.
        Path v3 = image(dir, "v3_snapshots");
        assertEquals("DEV HIGHEST_BLOCK HIGHEST_SECTOR HIGHEST_BYTE HIGHEST_MAPPED \n"
                        + "  0             5            640       327680         384KiB \n"
                        + "  1             1            128        65536         128KiB \n"
                        + "  2             1            128        65536         128KiB \n",
                ours("thin_ls", "-o", "DEV,HIGHEST_BLOCK,HIGHEST_SECTOR,HIGHEST_BYTE,HIGHEST_MAPPED", v3.toString()).out());
        Path v2 = image(dir, "v2_one_thin");
        assertEquals("1 4294967296 \n",
                ours("thin_ls", "--no-headers", "-o", "DEV,HIGHEST_BLOCK", v2.toString()).out());
    }

    @Test
    void metadataSizeRecordedLines() {
        String[] lines = read(expected("thin_metadata_size.txt")).split("\n");
        int n = 0;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("$ thin_metadata_size")) {
                continue;
            }
            String[] args = lines[i].substring("$ thin_metadata_size ".length()).split(" ");
            StringBuilder want = new StringBuilder();
            int j = i + 1;
            for (; !lines[j].startsWith("[rc="); j++) {
                want.append(lines[j]).append('\n');
            }
            int rc = Integer.parseInt(lines[j].substring(4, lines[j].length() - 1));
            ToolHarness.Result r = ours("thin_metadata_size", args);
            assertEquals(rc, r.rc(), lines[i]);
            assertEquals(want.toString(), rc == 0 ? r.out() : r.err(), lines[i]);
            n++;
        }
        assertTrue(n >= 15);
    }

    @Test
    void metadataSizeMatchesTheRealToolOnOddInput() {
        String[] cases = {"-b 64K -s 1T -m 1", "-b 64k -s 1t -m 1k", "-b 64k -s 1t -m 1 -u M",
            "-b 64k -s 1t -m 1 -u e", "-b 64k -s 1t -m 1 -u t -n", "-b 64 -s 1t -m 1", "-b 1.5k -s 1t -m 1",
            "-b 64k -s 1t -m 0", "-b 64k -s 1t -m 1 -u Z", "-b 64k -s 1t -m 1 -u y", "-b 64k -s 1t",
            "-b 64k -s 1t -m 1 -u", "-b 64k -s 1t -m 1 -q", "-b 64k -s 1t -m 1 -nfoo", "-b 64k -s 1t -m 1 -b 128k",
            "-h", "-V", "", "--block-size=64k --pool-size=1t --max-thins=3 --unit=m --numeric-only=long"};
        for (String c : cases) {
            String[] args = c.isEmpty() ? new String[0] : c.split(" ");
            assertSame(real("thin_metadata_size", args), ours("thin_metadata_size", args));
        }
    }

    @Test
    void optionsAndErrorsMatchTheRealTools() throws IOException {
        String all = "DEV,MAPPED_BLOCKS,EXCLUSIVE_BLOCKS,SHARED_BLOCKS,MAPPED_SECTORS,EXCLUSIVE_SECTORS,"
                + "SHARED_SECTORS,MAPPED_BYTES,EXCLUSIVE_BYTES,SHARED_BYTES,MAPPED,EXCLUSIVE,SHARED,TRANSACTION,"
                + "CREATE_TIME,SNAP_TIME";
        for (String v : ThinCheckTest.VECTORS) {
            String p = image(dir, v).toString();
            String[][] runs = {{"thin_ls", "-m", p}, {"thin_ls", "-o", all, p}, {"thin_ls", "-o", "DEV,BOGUS", p},
                {"thin_rmap", "--region", "0..30", "--region", "990..1000", p}, {"thin_rmap", "--region", "5-7", p},
                {"thin_rmap", p}, {"thin_delta", "--snap1", "0", "--snap2", "2", p},
                {"thin_delta", "--verbose", "--thin1", "2", "--thin2", "0", p}, {"thin_delta", "--snap1", "0", p},
                {"thin_delta", "-m", "--snap1", "0", "--snap2", "1", p}};
            for (String[] r : runs) {
                String[] args = java.util.Arrays.copyOfRange(r, 1, r.length);
                assertSame(real(r[0], args), ours(r[0], args));
            }
        }
        for (String tool : new String[] {"thin_ls", "thin_rmap", "thin_delta"}) {
            assertSame(real(tool), ours(tool));
            assertSame(real(tool, "-h"), ours(tool, "-h"));
            assertSame(real(tool, "-V"), ours(tool, "-V"));
        }
        ToolHarness.Result missing = ours("thin_ls", dir.resolve("nope").toString());
        assertEquals(1, missing.rc());
        assertEquals(real("thin_ls", dir.resolve("nope").toString()).rc(), missing.rc());
    }
}
