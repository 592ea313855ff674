package org.jlvm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.jlvm.tools.stress.ThinStress;
import org.jlvm.tools.stress.ThinStressOptions;
import org.jlvm.tools.stress.ThinStressResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * thin_stress runs (with simulated power cuts) whose metadata the real thin_check accepts and whose
 * devices, mappings and transaction id the real thin_dump reports exactly as our run does.
 */
class ThinStressCrossToolTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "ops={0} dataBlocks={1} metadata={2} crashEvery={3}")
    @CsvSource({
        // small metadata: several data bitmaps, deep trees, frequent space recovery
        "3000, 20000, 1048576, 331",
        "4000, 20000, 8388608, 331",
        "6000, 40000, 8388608, 0",
        // two metadata bitmaps (> 16320 blocks), three-level mapping trees
        "20000, 200000, 104857600, 997",
        "100000, 200000, 104857600, 4999",
    })
    void realToolsAgree(long ops, long dataBlocks, long metadataSize, long crashEvery) throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ThinStressCrossToolTest seed=" + seed + " ops=" + ops);
        Path md = tmp.resolve("meta");
        ThinStressResult r = new ThinStress(new ThinStressOptions(md, dataBlocks, seed, ops, 128, metadataSize,
                crashEvery)).run(n -> { });
        String ctx = "seed " + seed + ": " + r.summaryLine() + " " + r.problems();
        assertEquals(0, r.mismatches(), ctx);
        if (crashEvery > 0) {
            assertEquals(ops / crashEvery, r.crashes(), ctx);
        }
        RealTools.Run check = RealTools.run("thin_check", md.toString());
        assertEquals(0, check.rc(), ctx + "\n" + check.stderr());
        assertTrue(check.stdout().contains("TRANSACTION_ID=" + r.transaction()), ctx + "\n" + check.stdout());
        org.jlvm.pool.testing.RealThinTools.Run all = org.jlvm.pool.testing.RealThinTools.checkAll(md);
        assertEquals(0, all.rc(), ctx + "\n" + all.combined());
        RealTools.DumpSummary dump = RealTools.thinDump(md);
        assertEquals(r.devices(), dump.devices(), ctx);
        assertEquals(r.mappings(), dump.mappings(), ctx);
        assertEquals(r.transaction(), dump.transaction(), ctx);
        assertEquals(dump.mappings(), dump.mappedBlocksPerDevice().stream().mapToLong(Long::longValue).sum(),
                ctx + ": mapped_blocks of the devices add up to the mappings");
        assertTrue(r.devices() > 0 && r.mappings() > 0, ctx);
    }
}
