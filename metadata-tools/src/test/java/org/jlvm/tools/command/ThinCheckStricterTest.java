package org.jlvm.tools.command;

import static org.jlvm.tools.command.ToolHarness.image;
import static org.jlvm.tools.command.ToolHarness.ours;
import static org.jlvm.tools.command.ToolHarness.patch;
import static org.jlvm.tools.command.ToolHarness.putLong;
import static org.jlvm.tools.command.ToolHarness.read;
import static org.jlvm.tools.command.ToolHarness.expected;
import static org.jlvm.tools.command.ToolHarness.real;
import static org.jlvm.tools.command.ToolHarness.setBitmapEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jlvm.pool.block.Checksums;
import org.jlvm.tools.stress.ThinStress;
import org.jlvm.tools.stress.ThinStressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks thin_check makes beyond 0.9.0 (data space-map counts, mapped_blocks): non-fatal errors, so
 * without --ignore-non-fatal-errors the check fails, with it the exit code is 0.9.0's.
 */
class ThinCheckStricterTest {
    static final String HEAD = "examining superblock\nexamining devices tree\nexamining mapping tree\n"
            + "checking space map counts\n";

    @TempDir
    Path dir;

    private Path copy(String vector, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(image(dir, vector), p, StandardCopyOption.REPLACE_EXISTING);
        return p;
    }

    /** Our report is {@code lines} after 0.9.0's progress; rc 1, and 0 with --ignore-non-fatal-errors. */
    private void assertNonFatal(Path p, String lines) {
        ToolHarness.Result r = ours("thin_check", p.toString());
        assertEquals(HEAD + lines, r.err(), p.toString());
        assertEquals(1, r.rc());
        ToolHarness.Result real = real("thin_check", p.toString());
        assertEquals(0, real.rc(), "0.9.0 passes " + p + ": " + real.combined());
        assertEquals(real.out(), r.out());
        ToolHarness.Result ign = ours("thin_check", "--ignore-non-fatal-errors", p.toString());
        assertEquals(HEAD + lines, ign.err());
        assertEquals(real("thin_check", "--ignore-non-fatal-errors", p.toString()).rc(), ign.rc());
        assertEquals(0, ign.rc());
        // -q: nothing printed, same verdict
        ToolHarness.Result q = ours("thin_check", "-q", p.toString());
        assertEquals(1, q.rc());
        assertEquals("", q.err());
        // the partial checks do not look at data counts or mapped_blocks
        assertEquals(0, ours("thin_check", "--skip-mappings", p.toString()).rc());
        assertEquals(0, ours("thin_check", "--super-block-only", p.toString()).rc());
    }

    @Test
    void leakedDataBlockIsNonFatal() throws IOException {
        Path p = copy("v3_snapshots", "leak.bin"); // data 50 is free
        patch(p, 9, Checksums.BITMAP_SALT, d -> setBitmapEntry(d, 50, 1));
        assertNonFatal(p, "  1 data block has leaked in the data space map:\n"
                + "    data block 50: expected count 0, but got 1\n");
    }

    @Test
    void manyLeakedDataBlocksAreSummarised() throws IOException {
        Path p = copy("v3_snapshots", "leaks.bin");
        patch(p, 9, Checksums.BITMAP_SALT, d -> {
            for (int b = 30; b < 45; b++) {
                setBitmapEntry(d, b, 2);
            }
        });
        StringBuilder sb = new StringBuilder("  15 data blocks have leaked in the data space map:\n");
        for (int b = 30; b < 40; b++) {
            sb.append("    data block ").append(b).append(": expected count 0, but got 2\n");
        }
        sb.append("    ... and 5 more\n");
        assertNonFatal(p, sb.toString());
    }

    @Test
    void missingDataReferenceIsNonFatal() throws IOException {
        Path p = copy("v3_snapshots", "under.bin"); // data 20 mapped once, data 0 by three leaves
        patch(p, 9, Checksums.BITMAP_SALT, d -> {
            setBitmapEntry(d, 20, 0);
            setBitmapEntry(d, 0, 2);
        });
        assertNonFatal(p, "  2 data blocks have too few references in the data space map:\n"
                + "    data block 0: expected count 3, but got 2\n"
                + "    data block 20: expected count 1, but got 0\n");
    }

    @Test
    void wrongMappedBlocksIsNonFatal() throws IOException {
        Path p = copy("v3_snapshots", "mb.bin"); // details leaf 6: devices 0, 1, 2 (3, 2, 2 mappings)
        patch(p, 6, Checksums.BTREE_NODE_SALT, d -> putLong(d, 32 + 8 * 126 + 24, 5));
        assertNonFatal(p, "  thin device 1 has wrong mapped_blocks in the device details: expected 2 "
                + "(mappings counted), but got 5\n");
        // -m checks the snapshot's trees; v3 has none
    }

    @Test
    void metadataSnapshotTreesAreCountedToo() throws IOException {
        // v6: data 0, 1 referenced by the snapshot-only leaf 10 and the live leaf 14 (count 4), data 21 only live
        for (String v : new String[] {"v5_metasnap", "v6_shadowed"}) {
            Path p = copy(v, v + ".bin");
            assertEquals(0, ours("thin_check", p.toString()).rc(), v);
            assertEquals(read(expected(v + ".thin_check.stderr")), ours("thin_check", p.toString()).err(), v);
            assertEquals(0, ours("thin_check", "-m", p.toString()).rc(), v);
        }
        Path p = copy("v6_shadowed", "v6low.bin");
        patch(p, 9, Checksums.BITMAP_SALT, d -> setBitmapEntry(d, 21, 0));
        assertNonFatal(p, "  1 data block has too few references in the data space map:\n"
                + "    data block 21: expected count 1, but got 0\n");
        // wrong mapped_blocks in the snapshot's details (leaf 6, device 0): reported, also with -m
        Path m = copy("v6_shadowed", "v6mb.bin");
        patch(m, 6, Checksums.BTREE_NODE_SALT, d -> putLong(d, 32 + 8 * 126, 9));
        assertNonFatal(m, "  thin device 0 (metadata snapshot) has wrong mapped_blocks in the device details: "
                + "expected 3 (mappings counted), but got 9\n");
        ToolHarness.Result r = ours("thin_check", "-m", m.toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("thin device 0 (metadata snapshot) has wrong mapped_blocks"), r.err());
        assertEquals(0, ours("thin_check", "-m", "--ignore-non-fatal-errors", m.toString()).rc());
        assertEquals(0, real("thin_check", "-m", m.toString()).rc());
    }

    @Test
    void autoRepairFixesDataLeaksBackToTheOriginalBytes() throws IOException {
        Path p = copy("v3_snapshots", "fix3.bin");
        patch(p, 9, Checksums.BITMAP_SALT, d -> {
            setBitmapEntry(d, 50, 1);
            setBitmapEntry(d, 51, 2);
            setBitmapEntry(d, 2, 3);
        });
        ToolHarness.Result r = ours("thin_check", "--auto-repair", p.toString());
        assertEquals(0, r.rc(), r.combined());
        assertTrue(r.err().endsWith("    data block 51: expected count 0, but got 2\nfixed data leaks\n"), r.err());
        assertEquals(-1, Files.mismatch(p, image(dir, "v3_snapshots")));
        assertEquals(0, real("thin_check", p.toString()).rc());

        Path q = copy("v4_many", "fix4.bin"); // two data bitmaps (9, 10) in the index tree
        patch(q, 10, Checksums.BITMAP_SALT, d -> setBitmapEntry(d, 3000, 1));
        patch(q, 9, Checksums.BITMAP_SALT, d -> setBitmapEntry(d, 5000, 1));
        assertEquals(1, ours("thin_check", q.toString()).rc());
        assertEquals(0, ours("thin_check", "--auto-repair", q.toString()).rc());
        assertEquals(-1, Files.mismatch(q, image(dir, "v4_many")));

        // counts that are too low are not repaired: still reported, still non-fatal
        Path u = copy("v3_snapshots", "fixlow.bin");
        patch(u, 9, Checksums.BITMAP_SALT, d -> {
            setBitmapEntry(d, 50, 1);
            setBitmapEntry(d, 20, 0);
        });
        ToolHarness.Result low = ours("thin_check", "--auto-repair", u.toString());
        assertEquals(1, low.rc());
        assertTrue(low.err().endsWith("fixed data leaks\n"), low.err());
        assertEquals(HEAD + "  1 data block has too few references in the data space map:\n"
                + "    data block 20: expected count 1, but got 0\n", ours("thin_check", u.toString()).err());
        assertEquals(0, real("thin_check", u.toString()).rc());
    }

    @Test
    void restoredVectorsPassTheStrictCheck() throws IOException {
        for (String v : new String[] {"v1_empty", "v2_one_thin", "v3_snapshots", "v4_many", "v7_needs_check"}) {
            Path out = ToolHarness.blank(dir.resolve("restored-" + v + ".bin"), 4 << 20);
            Path xml = ToolHarness.vectors().resolve(v + ".xml");
            assertEquals(0, ours("thin_restore", "-i", xml.toString(), "-o", out.toString()).rc(), v);
            ToolHarness.Result r = ours("thin_check", out.toString());
            assertEquals(0, r.rc(), v + ": " + r.combined());
            assertEquals(HEAD, r.err(), v);
        }
    }

    @Test
    void stressedPoolsPassTheStrictCheck() throws IOException {
        for (long seed = 1; seed <= 2; seed++) {
            Path md = dir.resolve("stress" + seed + ".bin");
            new ThinStress(new ThinStressOptions(md, 20_000, seed, 3000, 128, 8 << 20, 0)).run(x -> { });
            ToolHarness.Result r = ours("thin_check", md.toString());
            assertEquals(0, r.rc(), r.combined());
            assertEquals(HEAD, r.err());
            assertEquals(0, real("thin_check", md.toString()).rc());
        }
    }
}
