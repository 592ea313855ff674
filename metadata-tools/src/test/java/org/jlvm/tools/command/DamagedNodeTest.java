package org.jlvm.tools.command;

import static org.jlvm.tools.command.ToolHarness.assertSame;
import static org.jlvm.tools.command.ToolHarness.image;
import static org.jlvm.tools.command.ToolHarness.ours;
import static org.jlvm.tools.command.ToolHarness.patch;
import static org.jlvm.tools.command.ToolHarness.putInt;
import static org.jlvm.tools.command.ToolHarness.putLong;
import static org.jlvm.tools.command.ToolHarness.real;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlvm.pool.block.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The damage the fuzzer first found, pinned: node flags and impossible space-map sizes. */
class DamagedNodeTest {
    @TempDir
    Path dir;

    private Path damaged(String name, long block, int salt, ToolHarness.Patch p) throws IOException {
        Path img = dir.resolve(name + ".bin");
        Files.copy(image(dir, "v2_one_thin"), img, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        patch(img, block, salt, p);
        return img;
    }

    @Test
    void nodesNeitherOrBothInternalAndLeafGetZeroNineZerosReport() throws IOException {
        for (int flags : new int[] {0, 3}) {
            // block 10: device 1's mapping leaf, checksum recomputed
            String p = damaged("flags" + flags, 10, Checksums.BTREE_NODE_SALT, d -> putInt(d, 4, flags)).toString();
            ToolHarness.Result check = ours("thin_check", p);
            assertSame(real("thin_check", p), check);
            assertTrue(check.err().contains(flags == 0 ? "unknown node type (block 10)"
                    : "btree node is both internal and leaf (block 10)"), check.err());
            ToolHarness.Result dump = ours("thin_dump", p);
            assertSame(ThinDumpRestoreTest.onceLike1x(real("thin_dump", p)), dump);
            assertEquals(1, dump.rc());
        }
    }

    @Test
    void hugeSpaceMapSizesAreImpossibleNotOutOfMemory() throws IOException {
        long[][] cases = {{192, 1L << 62}, {192, -1L}, {64, 1L << 62}, {64, -1L}};
        for (long[] c : cases) {
            String p = damaged("sm" + c[0] + "_" + c[1], 0, Checksums.SUPERBLOCK_SALT,
                    d -> putLong(d, (int) c[0], c[1])).toString();
            ToolHarness.Result r = ours("thin_check", p);
            assertEquals(1, r.rc(), r.combined());
            assertTrue(r.err().contains("superblock is corrupt\n    " + (c[0] == 192 ? "metadata" : "data")
                    + " space map nr_blocks " + Long.toUnsignedString(c[1]) + " is impossible for a metadata device"
                    + " of 1024 blocks"), r.err());
            assertEquals("TRANSACTION_ID=5\nMETADATA_FREE_BLOCKS=1023\n", r.out());
        }
    }
}
