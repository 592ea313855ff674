package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.io.FaultInjectingBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit point of a device operation is its superblock write, and only that: a power cut at any I/O of
 * {@code createThin} before the superblock write leaves the old state however many un-flushed writes survive; a cut
 * at the flush after it leaves the old state when the write is lost and the new one when it survives, although the
 * call failed (so a caller, or the thin_stress model, must accept both there and nothing else). Keeping only the
 * first un-flushed sector (block 0's: the superblock) proves that the blocks it references were flushed before it.
 */
class ThinPoolCommitPointTest {
    static final int SECTORS = 16;
    static final ThinPoolConfig CFG = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO);

    @TempDir
    Path tmp;

    /** What a power cut keeps of the un-flushed writes. */
    enum Keep {
        NOTHING, EVERYTHING, FIRST_SECTOR
    }

    /** A pool with device 0 committed, on metadata and data devices counting I/Os on one counter. */
    static final class Rig {
        final AtomicLong ios = new AtomicLong();
        final CrashSimulatingBlockDevice metaCache = new CrashSimulatingBlockDevice(new MemoryBlockDevice(2L << 20));
        final CrashSimulatingBlockDevice dataCache = new CrashSimulatingBlockDevice(
                new MemoryBlockDevice(64L * SECTORS * 512));
        final FaultInjectingBlockDevice meta = FaultInjectingBlockDevice.over(metaCache, ios);
        final FaultInjectingBlockDevice data = FaultInjectingBlockDevice.over(dataCache, ios);
        ThinPool pool;

        Rig() throws IOException {
            pool = ThinPool.format(meta, data, SECTORS, CFG);
            pool.createThin(0);
        }

        void cutAfter(long n) {
            meta.failAfter(n);
            data.failAfter(n);
        }

        /** Power cut keeping {@code keep} of the un-flushed sectors (a SUBSET crash picks them in sector order). */
        List<Long> crashAndReopen(Keep keep) throws IOException {
            pool.closeAbruptly();
            Random picks = new Random() {
                private boolean first = true;

                @Override
                public boolean nextBoolean() {
                    boolean k = keep == Keep.EVERYTHING || first;
                    first = false;
                    return k;
                }
            };
            CrashMode mode = keep == Keep.NOTHING ? CrashMode.DROP_ALL : CrashMode.SUBSET;
            meta.crash(mode, picks);
            data.crash(CrashMode.DROP_ALL, null);
            pool = ThinPool.open(meta, data, SECTORS, CFG);
            return pool.devices();
        }
    }

    @Test
    void onlyTheSuperblockWriteMakesAFailedCreateVisible() throws Exception {
        Rig dry = new Rig();
        long before = dry.ios.get();
        dry.pool.createThin(1);
        long n = dry.ios.get() - before; // ..., superblock write (n - 1), flush (n)
        assertTrue(n >= 4, "createThin did " + n + " I/Os");
        for (long k = 1; k <= n; k++) {
            for (Keep keep : Keep.values()) {
                Rig rig = new Rig();
                rig.cutAfter(k);
                assertThrows(IOException.class, () -> rig.pool.createThin(1), "cut at I/O " + k + " of " + n);
                List<Long> devices = rig.crashAndReopen(keep);
                List<Long> expected = k == n && keep != Keep.NOTHING ? List.of(0L, 1L) : List.of(0L);
                assertEquals(expected, devices, "cut at I/O " + k + " of " + n + ", the crash keeping " + keep);
                if (k == n && ThinCheck.installed()) {
                    rig.pool.close();
                    ThinCheck.Result r = ThinCheck.run(rig.meta, tmp);
                    assertEquals(0, r.exitCode(), r.output());
                }
            }
        }
    }
}
