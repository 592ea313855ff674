package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded model tests through the stress driver: random ops, crashes in both modes, clean reopen. */
class DedupStressTest {
    private static final long MIB = 1 << 20;

    private static DedupStress.Result run(long seed, long ops, long crashEvery, CrashMode mode) throws IOException {
        System.out.println("DedupStressTest seed=" + seed + " ops=" + ops + " crashEvery=" + crashEvery + " " + mode);
        DedupStress.Config cfg = new DedupStress.Config(16 * MIB, seed, ops, crashEvery, mode, 4096, null);
        DedupStress.Result r = DedupStress.run(new MemoryBlockDevice(7 * MIB), cfg);
        System.out.println(r.summaryLine() + " " + r.problems());
        return r;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomOpsMatchModel(long seed) throws IOException {
        DedupStress.Result r = run(seed, 3000, 0, CrashMode.DROP_ALL);
        assertEquals(0, r.mismatches(), r.problems().toString());
        assertTrue(r.logicalUsed() > 0);
        assertTrue(r.savingPercent() > 0, "duplicates, zeroes and text should save space: " + r.summaryLine());
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void crashesDropAllRecoverLastFlush(long seed) throws IOException {
        DedupStress.Result r = run(seed, 1500, 37 + seed, CrashMode.DROP_ALL);
        assertEquals(0, r.mismatches(), r.problems().toString());
        assertTrue(r.crashes() > 10);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void crashesKeepingRandomSectorsRecoverLastFlush(long seed) throws IOException {
        DedupStress.Result r = run(seed, 1500, 29 + seed, CrashMode.SUBSET);
        assertEquals(0, r.mismatches(), r.problems().toString());
        assertTrue(r.crashes() > 10);
    }
}
