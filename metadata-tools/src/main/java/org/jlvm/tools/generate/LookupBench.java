package org.jlvm.tools.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.meta.PoolMetadata;

/** Opens existing metadata with a given cache and times random lookups (for the scale benchmark). */
public final class LookupBench {
    /** Timings and I/O of one run. */
    public record Result(double openMillis, long lookups, long hits, double lookupMicros, double blocksReadPerLookup,
                         long heapUsedBytes) {
    }

    private LookupBench() {
    }

    public static Result run(Path metadata, long cacheBytes, long lookups, long seed) throws IOException {
        long t0 = System.nanoTime();
        try (FileBlockDevice dev = FileBlockDevice.open(metadata, true);
             PoolMetadata pm = PoolMetadata.open(dev, cacheBytes, true)) {
            List<Long> devices = pm.devices();
            double openMs = (System.nanoTime() - t0) / 1e6;
            long[] highest = new long[devices.size()];
            for (int i = 0; i < highest.length; i++) {
                highest[i] = Math.max(1, pm.details(devices.get(i)).mappedBlocks());
            }
            Random r = new Random(seed);
            long reads0 = pm.blockReads();
            long hits = 0;
            long t1 = System.nanoTime();
            for (long i = 0; i < lookups; i++) {
                int d = r.nextInt(devices.size());
                if (pm.lookup(devices.get(d), (long) (r.nextDouble() * highest[d])) != null) {
                    hits++;
                }
            }
            double us = (System.nanoTime() - t1) / 1e3 / Math.max(1, lookups);
            double reads = (pm.blockReads() - reads0) / (double) Math.max(1, lookups);
            Runtime rt = Runtime.getRuntime();
            return new Result(openMs, lookups, hits, us, reads, rt.totalMemory() - rt.freeMemory());
        }
    }
}
