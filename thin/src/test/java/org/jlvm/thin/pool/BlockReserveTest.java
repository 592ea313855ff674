package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data blocks allocated ahead into the reserve are never committed: used blocks always equal mapped blocks. */
class BlockReserveTest {
    static final int SECTORS = 8;
    static final int B = SECTORS * 512;

    @TempDir
    Path tmp;

    @Test
    void statusAndCommitsCountOnlyMappedBlocks() throws Exception {
        MemoryBlockDevice meta = new MemoryBlockDevice(4L << 20);
        MemoryBlockDevice data = new MemoryBlockDevice(4096L * B);
        ThinPoolConfig cfg = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO);
        try (ThinPool pool = ThinPool.format(meta, data, SECTORS, cfg)) {
            pool.createThin(1);
            ThinVolume v = pool.volume(1, 4096L * B);
            for (int vb = 0; vb < 5; vb++) {
                v.write((long) vb * 7 * B, new byte[] {1});
            }
            assertEquals(5, pool.status().usedDataBlocks(), "the reserve's blocks are not reported as used");
            v.flush();
            assertEquals(5, pool.status().usedDataBlocks());
        }
        try (ThinPool pool = ThinPool.open(meta, data, SECTORS, cfg)) {
            assertEquals(5, pool.status().usedDataBlocks(), "nothing but the mapped blocks was committed");
        }
        ThinCheck.installed();
        assertEquals(0, ThinCheck.run(meta, tmp).exitCode());
    }

    @Test
    void commitsRacingWithProvisioningLeakNothing() throws Exception {
        MemoryBlockDevice meta = new MemoryBlockDevice(16L << 20);
        MemoryBlockDevice data = new MemoryBlockDevice(20_000L * B);
        ThinPoolConfig cfg = ThinPoolConfig.defaults().withCommitInterval(Duration.ofMillis(5));
        long mapped = 0;
        try (ThinPool pool = ThinPool.format(meta, data, SECTORS, cfg)) {
            for (long dev = 1; dev <= 4; dev++) {
                pool.createThin(dev);
            }
            ExecutorService ex = Executors.newFixedThreadPool(4);
            List<Future<?>> fs = new ArrayList<>();
            for (long dev = 1; dev <= 4; dev++) {
                ThinVolume v = pool.volume(dev, 100_000L * B);
                fs.add(ex.submit(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < 3000; i++) {
                        v.write(r.nextLong(100_000) * B, new byte[] {(byte) i});
                        if (i % 500 == 0) {
                            v.flush();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            ex.shutdown();
            for (long dev = 1; dev <= 4; dev++) {
                mapped += pool.volumeStatus(dev).mappedBlocks();
            }
            assertEquals(mapped, pool.status().usedDataBlocks());
        }
        try (ThinPool pool = ThinPool.open(meta, data, SECTORS, cfg)) {
            assertEquals(mapped, pool.status().usedDataBlocks());
        }
        ThinCheck.installed();
        ThinCheck.Result r = ThinCheck.run(meta, tmp);
        assertEquals(0, r.exitCode(), r.output());
    }
}
