package org.jlvm.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.testing.RealThinTools;
import org.jlvm.tools.check.CheckOptions;
import org.jlvm.tools.check.CheckReport;
import org.jlvm.tools.check.Checker;
import org.jlvm.tools.ir.MetadataFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThinIoStressTest {
    static final Path THIN_CHECK = Path.of("/usr/sbin/thin_check");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CrashMode.class)
    void ioStressWithCrashesMatchesTheModelAndThinCheckAccepts(CrashMode mode) throws Exception {
        // SUBSET once failed about one seed in six (e.g. 5, 13, -8572361734540718654): a cut inside the commit of
        // a create, snapshot or delete could leave that commit durable (its superblock among the surviving writes)
        // while the driver's model, changed only after the call returned, had no record of the new state.
        long seed = new Random().nextLong();
        System.out.println("ThinIoStressTest " + mode + " seed " + seed);
        ThinStressOptions o = new ThinStressOptions(dir.resolve("meta"), 128, seed, 600, 16, 4L << 20, 23,
                dir.resolve("data"), mode);
        ThinStressResult r = new ThinIoStress(o).run(n -> { });
        assertEquals(0, r.mismatches(), "seed " + seed + ": " + r.problems());
        assertTrue(r.crashes() >= 20, r.summaryLine());
        assertTrue(r.verifiedReads() > 1000, r.summaryLine());
        assertTrue(r.summaryLine().matches("ops=600 devices=\\d+ mappings=\\d+ transaction=\\d+ crashes=\\d+ "
                + "mismatches=0 verified_reads=\\d+ crashes_inside=\\d+"), r.summaryLine());
        assertTrue(r.crashesInside() >= 5, "power cuts landed inside operations: " + r.summaryLine());
        assertEquals(128L * 16 * 512, Files.size(dir.resolve("data")), "data file sized blocks x block size");
        thinCheck(dir.resolve("meta"));
        // Reopening existing files continues from their content.
        ThinStressResult again = new ThinIoStress(new ThinStressOptions(dir.resolve("meta"), 128, seed + 1, 200,
                16, 4L << 20, 50, dir.resolve("data"), mode)).run(n -> { });
        assertEquals(0, again.mismatches(), "seed " + (seed + 1) + " reopened: " + again.problems());
        thinCheck(dir.resolve("meta"));
    }

    @Test
    void summaryLineKeepsTheOldFieldsAndAddsVerifiedReadsWithIo() {
        ThinStressResult r = new ThinStressResult(1, 2, 3, 4, 5, 0, 6, 7, java.util.List.of());
        assertEquals("ops=1 devices=2 mappings=3 transaction=4 crashes=5 mismatches=0", r.summaryLine());
        ThinStressResult io = new ThinStressResult(1, 2, 3, 4, 5, 0, 6, 7, java.util.List.of(), 0);
        assertEquals("ops=1 devices=2 mappings=3 transaction=4 crashes=5 mismatches=0 verified_reads=0",
                io.summaryLine());
    }

    /**
     * The image passes our own stricter thin_check (data space-map counts, mapped_blocks: leaked or under-counted
     * data blocks fail) and the real 0.9.0 one (and 1.1.0 when present).
     */
    static void thinCheck(Path meta) throws Exception {
        try (MetadataFile f = MetadataFile.open(meta, false)) {
            CheckReport r = Checker.check(f, new CheckOptions(false, false, false, false, false, false, null));
            assertEquals(0, r.exitCode(false), "our thin_check: " + r.err() + " " + r.damage());
        }
        assertTrue(Files.isExecutable(THIN_CHECK), THIN_CHECK + " is missing: install thin-provisioning-tools");
        RealThinTools.Run real = RealThinTools.checkAll(meta);
        assertEquals(0, real.rc(), real.combined());
    }
}
