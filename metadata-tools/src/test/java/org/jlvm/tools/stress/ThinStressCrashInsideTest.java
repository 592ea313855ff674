package org.jlvm.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata-only thin_stress with power cuts at seeded I/O indexes inside operations (commits, the metadata
 * snapshot, B-tree changes): the reopened metadata equals the model at the last commit (or the interrupted
 * operation's committed state), data-block counts equal the mapped blocks, and our stricter thin_check and the
 * real ones accept the image.
 */
class ThinStressCrashInsideTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CrashMode.class)
    void cutsInsideOperationsRecoverToACommittedState(CrashMode mode) throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ThinStressCrashInsideTest " + mode + " seed " + seed);
        ThinStressOptions o = new ThinStressOptions(dir.resolve("meta"), 4000, seed, 3000, 128, 8L << 20, 13,
                null, mode);
        ThinStressResult r = new ThinStress(o).run(n -> { });
        assertEquals(0, r.mismatches(), "seed " + seed + ": " + r.problems());
        assertTrue(r.crashes() >= 200, r.summaryLine());
        assertTrue(r.crashesInside() >= 20, "cuts inside operations: " + r.crashesInside());
        ThinIoStressTest.thinCheck(dir.resolve("meta"));
    }
}
