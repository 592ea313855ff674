package org.jlvm.tools.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.LongConsumer;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.meta.PoolMetadata;
import org.jlvm.thin.meta.PoolStats;

/**
 * Builds large pools for benchmarks through the normal metadata write path: origins mapped densely, then
 * snapshots of each origin, each snapshot diverging by overwriting a fraction of its blocks. Snapshots share
 * their origin's tree, so the mapping count grows much faster than the work.
 */
public final class PoolGenerator {
    /**
     * What to build.
     *
     * @param mappings total mappings over all devices (as thin_dump would count them)
     * @param overwritePermille blocks each snapshot overwrites, per thousand
     */
    public record Spec(Path metadata, long metadataSize, int origins, int snapshotsPerOrigin, long mappings,
                       int dataBlockSize, int overwritePermille, long seed) {
    }

    /** What was built. */
    public record Result(long devices, long mappings, long metadataBlocksUsed, long dataBlocksUsed, double seconds) {
    }

    private PoolGenerator() {
    }

    public static Result generate(Spec s, LongConsumer progress) throws IOException {
        long started = System.nanoTime();
        int devicesPerOrigin = 1 + s.snapshotsPerOrigin();
        long perDevice = Math.max(1, s.mappings() / ((long) s.origins() * devicesPerOrigin));
        long overwrites = perDevice * s.overwritePermille() / 1000;
        long dataBlocks = (long) s.origins() * (perDevice + overwrites * s.snapshotsPerOrigin()) + 1024;
        Random r = new Random(s.seed());
        long done = 0;
        try (FileBlockDevice dev = FileBlockDevice.create(s.metadata(), s.metadataSize());
             PoolMetadata pm = PoolMetadata.format(dev, s.dataBlockSize(), dataBlocks, PoolMetadata.DEFAULT_CACHE_BYTES)) {
            long id = 0;
            for (int o = 0; o < s.origins(); o++) {
                long origin = id++;
                pm.createThin(origin);
                for (long vb = 0; vb < perDevice; vb++) {
                    pm.insert(origin, vb, pm.allocateDataBlock());
                    done = tick(pm, done, progress);
                }
                for (int k = 0; k < s.snapshotsPerOrigin(); k++) {
                    long snap = id++;
                    pm.createSnapshot(snap, origin);
                    for (long i = 0; i < overwrites; i++) {
                        pm.insert(snap, (long) (r.nextDouble() * perDevice), pm.allocateDataBlock());
                        done = tick(pm, done, progress);
                    }
                }
            }
            pm.commit();
            PoolStats st = pm.stats();
            long mappings = 0;
            for (long d : pm.devices()) {
                mappings += pm.details(d).mappedBlocks();
            }
            return new Result(pm.devices().size(), mappings, st.metadataUsed(), st.dataUsed(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private static long tick(PoolMetadata pm, long done, LongConsumer progress) throws IOException {
        done++;
        if (done % 1_000_000 == 0) {
            pm.commit();
            progress.accept(done);
        }
        return done;
    }
}
