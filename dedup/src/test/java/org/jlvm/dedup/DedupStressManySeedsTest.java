package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Long crash runs over many seeds; tagged "stress": {@code -Dgroups=stress -DexcludedTestGroups=none}. */
@Tag("stress")
class DedupStressManySeedsTest {
    @Test
    void manySeedsBothCrashModes() throws IOException {
        for (long seed = 1000; seed < 1040; seed++) {
            CrashMode mode = seed % 2 == 0 ? CrashMode.DROP_ALL : CrashMode.SUBSET;
            System.out.println("DedupStressManySeedsTest seed=" + seed + " " + mode);
            DedupStress.Config cfg = new DedupStress.Config(32L << 20, seed, 3000, 20 + seed % 97, mode, 0, null);
            DedupStress.Result r = DedupStress.run(new MemoryBlockDevice(14L << 20), cfg);
            assertEquals(0, r.mismatches(), "seed " + seed + ": " + r.problems());
        }
    }
}
