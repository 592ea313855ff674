package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded model tests through the stress driver: random ops, crashes in both modes, clean reopen. */
class DedupStressTest {
    private static final long MIB = 1 << 20;

    private static DedupStress.Result run(long seed, long ops, long crashEvery, CrashMode mode) throws IOException {
        return run(seed, ops, crashEvery, mode, DedupStress.Faults.POWER_CUT);
    }

    private static DedupStress.Result run(long seed, long ops, long crashEvery, CrashMode mode,
            DedupStress.Faults faults) throws IOException {
        System.out.println("DedupStressTest seed=" + seed + " ops=" + ops + " crashEvery=" + crashEvery + " " + mode
                + " " + faults);
        DedupStress.Config cfg = new DedupStress.Config(16 * MIB, seed, ops, crashEvery, mode, 4096, null, faults);
        DedupStress.Result r = DedupStress.run(new MemoryBlockDevice(7 * MIB), cfg);
        System.out.println(r.summaryLine() + " faults=" + r.faultsInjected() + " " + r.problems());
        return r;
    }

    @ParameterizedTest
    @EnumSource(DedupStress.Faults.class)
    void faultsInsideOperationsThenGoOn(DedupStress.Faults faults) throws IOException {
        for (long seed = 31; seed <= 33; seed++) {
            DedupStress.Result r = run(seed * 10 + faults.ordinal(), 1200, 30 + seed,
                    seed % 2 == 0 ? CrashMode.DROP_ALL : CrashMode.SUBSET, faults);
            assertEquals(0, r.mismatches(), r.problems().toString());
            assertTrue(r.faultsInjected() > 5, "faults struck inside operations: " + r.faultsInjected());
        }
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
        assertTrue(r.faultsInjected() > r.crashes() / 2, "most power cuts strike inside an operation");
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void crashesKeepingRandomSectorsRecoverLastFlush(long seed) throws IOException {
        DedupStress.Result r = run(seed, 1500, 29 + seed, CrashMode.SUBSET);
        assertEquals(0, r.mismatches(), r.problems().toString());
        assertTrue(r.crashes() > 10);
    }
}
