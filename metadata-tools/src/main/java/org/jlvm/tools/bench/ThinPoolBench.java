package org.jlvm.tools.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.pool.ThinPool;
import org.jlvm.thin.pool.ThinPoolConfig;
import org.jlvm.thin.pool.ThinVolume;

/**
 * Developer benchmark of the thin pool engine on files in one directory (not a test; numbers vary by machine):
 * 4 KiB random writes (first write = provisioning, overwrite of mapped blocks) against plain positional writes to
 * a file, 4 KiB random reads at snapshot depth 1/10/50/200, and flushes per second with one new mapping each.
 * Every phase runs for a fixed time; results are rates in operations per second.
 */
public final class ThinPoolBench {
    private static final int IO = 4096;
    private final Path dir;
    private final Duration phase;
    private final int threads;
    private final int blockSectors;
    private final long dataBlocks;

    public ThinPoolBench(Path dir, Duration phase, int threads, int blockSectors, long dataBlocks) {
        this.dir = dir;
        this.phase = phase;
        this.threads = threads;
        this.blockSectors = blockSectors;
        this.dataBlocks = dataBlocks;
    }

    /** One timed operation. */
    @FunctionalInterface
    private interface Op {
        void run(ThreadLocalRandom r, ByteBuffer buf) throws IOException;
    }

    /** Runs {@code op} on {@code threads} threads for the phase time (or until it returns false); ops/s. */
    private double timed(Op op) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + phase.toNanos();
        long start = System.nanoTime();
        List<Future<Long>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(ex.submit(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                ByteBuffer buf = ByteBuffer.allocate(IO);
                r.nextBytes(buf.array());
                long n = 0;
                try {
                    while (System.nanoTime() < end) {
                        buf.clear();
                        op.run(r, buf);
                        n++;
                    }
                } catch (Exhausted e) {
                    // Nothing left to do in this phase.
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : fs) {
            total += f.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        ex.shutdown();
        return total / secs;
    }

    private static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super(null, null, false, false);
        }
    }

    /** Runs every phase; returns name → value, in order. */
    public Map<String, Double> run() throws Exception {
        Map<String, Double> res = new LinkedHashMap<>();
        int blockBytes = blockSectors * 512;
        long dataBytes = dataBlocks * blockBytes;

        // Plain file: first touch of a sparse file, then overwrite of written blocks.
        Path rawPath = dir.resolve("raw.bin");
        Files.deleteIfExists(rawPath);
        try (FileBlockDevice raw = FileBlockDevice.create(rawPath, dataBytes)) {
            long pages = dataBytes / IO;
            List<Long> order = shuffled(pages);
            AtomicInteger next = new AtomicInteger();
            res.put("raw_first_write_iops", timed((r, b) -> raw.write(pageOf(order, next) * IO, b)));
            long written = Math.min(next.get(), pages);
            raw.flush(); // each overwrite phase starts with no write-back pending
            res.put("raw_overwrite_iops", timed((r, b) -> raw.write(order.get(r.nextInt((int) written)) * IO, b)));
            raw.flush(); // write back the earlier phases first: the next phase times one 4 KiB write + fdatasync
            res.put("raw_fdatasync_per_s", timed1(() -> {
                raw.write(ThreadLocalRandom.current().nextLong(pages) * IO, ByteBuffer.allocate(IO));
                raw.flush();
            }));
        }
        Files.deleteIfExists(rawPath);

        // First writes on a pool that does not zero new blocks (lvcreate -Zn): the engine's own cost.
        Path nzMeta = dir.resolve("meta-nozero.bin");
        Path nzData = dir.resolve("data-nozero.bin");
        try (FileBlockDevice meta = FileBlockDevice.create(nzMeta, 64L << 20);
             FileBlockDevice data = FileBlockDevice.create(nzData, dataBytes);
             ThinPool pool = ThinPool.format(meta, data, blockSectors,
                     ThinPoolConfig.defaults().withZeroNewBlocks(false))) {
            pool.createThin(1);
            ThinVolume v = pool.volume(1, dataBytes);
            List<Long> order = shuffled(dataBlocks).subList(0, (int) (dataBlocks * 3 / 4));
            AtomicInteger next = new AtomicInteger();
            res.put("thin_first_write_nozero_iops", timed((r, b) ->
                    v.write(pageIn(pageOf(order, next), blockBytes), b)));
            res.put("first_write_nozero_ratio", res.get("thin_first_write_nozero_iops")
                    / res.get("raw_first_write_iops"));
        }
        Files.deleteIfExists(nzMeta);
        Files.deleteIfExists(nzData);

        Path metaPath = dir.resolve("meta.bin");
        Path dataPath = dir.resolve("data.bin");
        Files.deleteIfExists(metaPath);
        Files.deleteIfExists(dataPath);
        try (FileBlockDevice meta = FileBlockDevice.create(metaPath, 64L << 20);
             FileBlockDevice data = FileBlockDevice.create(dataPath, dataBytes);
             ThinPool pool = ThinPool.format(meta, data, blockSectors, ThinPoolConfig.defaults())) {
            pool.createThin(1);
            ThinVolume v = pool.volume(1, dataBytes);
            // Three quarters at most, so the flush phase below still finds free blocks.
            List<Long> order = shuffled(dataBlocks).subList(0, (int) (dataBlocks * 3 / 4));
            AtomicInteger next = new AtomicInteger();
            res.put("thin_first_write_iops", timed((r, b) ->
                    v.write(pageIn(pageOf(order, next), blockBytes), b)));
            long mapped = Math.min(next.get(), order.size());
            v.flush(); // like the raw file's overwrite phase, this one starts with no write-back pending
            res.put("thin_overwrite_iops", timed((r, b) ->
                    v.write(pageIn(order.get(r.nextInt((int) mapped)), blockBytes), b)));
            res.put("first_write_ratio", res.get("thin_first_write_iops") / res.get("raw_first_write_iops"));
            res.put("first_write_vs_raw_overwrite_ratio", res.get("thin_first_write_iops")
                    / res.get("raw_overwrite_iops"));
            res.put("overwrite_ratio", res.get("thin_overwrite_iops") / res.get("raw_overwrite_iops"));

            // Flushes with one new mapping each.
            pool.createThin(2);
            ThinVolume f = pool.volume(2, dataBytes);
            AtomicInteger fb = new AtomicInteger();
            f.flush(); // the earlier phases' writes are not part of the per-flush cost
            res.put("thin_flushes_per_s", timed1(() -> {
                long vb = fb.getAndIncrement() % (dataBlocks / 2);
                f.write(vb * blockBytes, ByteBuffer.allocate(IO));
                f.flush();
            }));
            res.put("flush_ratio_vs_raw_fdatasync", res.get("thin_flushes_per_s") / res.get("raw_fdatasync_per_s"));
            pool.deleteDevice(2);

            // Snapshot chain: 200 snapshots, each of the previous, over the origin's data.
            long dev = 1;
            Map<Integer, Long> atDepth = new LinkedHashMap<>();
            for (int depth = 1; depth <= 200; depth++) {
                long snap = 1000 + depth;
                pool.createSnapshot(snap, dev);
                dev = snap;
                if (depth == 1 || depth == 10 || depth == 50 || depth == 200) {
                    atDepth.put(depth, snap);
                }
            }
            // Two rounds over the depths; the better of the two counts (the first round also warms up).
            for (int round = 0; round < 2; round++) {
                for (Map.Entry<Integer, Long> e : atDepth.entrySet()) {
                    ThinVolume s = pool.volume(e.getValue(), dataBytes);
                    double iops = timed((r, b) -> s.read(pageIn(order.get(r.nextInt((int) mapped)), blockBytes), b));
                    res.merge("read_iops_depth_" + e.getKey(), iops, Math::max);
                }
            }
            res.put("depth200_vs_depth1_ratio", res.get("read_iops_depth_200") / res.get("read_iops_depth_1"));
        }
        Files.deleteIfExists(metaPath);
        Files.deleteIfExists(dataPath);
        return res;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /** One thread, for the phase time: ops/s. */
    private double timed1(Step s) throws IOException {
        long end = System.nanoTime() + phase.toNanos();
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            s.run();
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The offset of the one 4 KiB page of virtual block {@code vb} that the phases use (fixed per block, spread
     * over the block), so overwrites and reads hit pages the first write wrote, as in the raw file's phases.
     */
    private static long pageIn(long vb, int blockBytes) {
        return vb * blockBytes + (vb * 7919 % (blockBytes / IO)) * IO;
    }

    private static long pageOf(List<Long> order, AtomicInteger next) {
        int i = next.getAndIncrement();
        if (i >= order.size()) {
            throw new Exhausted();
        }
        return order.get(i);
    }

    private static List<Long> shuffled(long n) {
        List<Long> l = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            l.add(i);
        }
        Collections.shuffle(l, new java.util.Random(42));
        return l;
    }
}
