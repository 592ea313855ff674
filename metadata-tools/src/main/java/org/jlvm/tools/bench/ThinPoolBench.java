package org.jlvm.tools.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Every phase runs for a fixed time, split into rounds in which the raw file and the thin volume take turns (the
 * best round of each counts, so drift in the machine's load hits both); results are rates in operations per
 * second. A warm-up runs first.
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
    private double timed(Duration time, Op op) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + time.toNanos();
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

    /** Rounds per compared phase: raw and thin alternate, the best round of each counts (drift hits both). */
    private static final int ROUNDS = 3;

    /** Runs every phase; returns name → value, in order. */
    public Map<String, Double> run() throws Exception {
        Map<String, Double> res = new LinkedHashMap<>();
        int blockBytes = blockSectors * 512;
        long dataBytes = dataBlocks * blockBytes;
        warmUp(blockBytes);
        Duration round = phase.dividedBy(ROUNDS);
        Path rawPath = dir.resolve("raw.bin");
        Path zMeta = dir.resolve("meta.bin");
        Path zData = dir.resolve("data.bin");
        Path nzMeta = dir.resolve("meta-nozero.bin");
        Path nzData = dir.resolve("data-nozero.bin");
        for (Path p : List.of(rawPath, zMeta, zData, nzMeta, nzData)) {
            Files.deleteIfExists(p);
        }
        try (FileBlockDevice raw = FileBlockDevice.create(rawPath, dataBytes);
             FileBlockDevice meta = FileBlockDevice.create(zMeta, 256L << 20);
             FileBlockDevice data = FileBlockDevice.create(zData, dataBytes);
             FileBlockDevice nzm = FileBlockDevice.create(nzMeta, 256L << 20);
             FileBlockDevice nzd = FileBlockDevice.create(nzData, dataBytes);
             ThinPool pool = ThinPool.format(meta, data, blockSectors, ThinPoolConfig.defaults());
             ThinPool nz = ThinPool.format(nzm, nzd, blockSectors, ThinPoolConfig.defaults().withZeroNewBlocks(false))) {
            pool.createThin(1);
            nz.createThin(1);
            ThinVolume v = pool.volume(1, dataBytes);
            ThinVolume nv = nz.volume(1, nzd.size());
            // First writes: 4 KiB pages of a sparse file vs the first write to a thin block (provisioning), with
            // zeroing (the default) and without (lvcreate -Zn). A quarter of the blocks stays free for later.
            long[] rawOrder = shuffled(dataBytes / IO);
            long[] order = Arrays.copyOf(shuffled(dataBlocks), (int) (dataBlocks * 3 / 4));
            AtomicInteger rawNext = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger nzNext = new AtomicInteger();
            for (int r = 0; r < ROUNDS; r++) {
                best(res, "raw_first_write_iops", timed(round, (t, b) -> raw.write(pageOf(rawOrder, rawNext) * IO, b)));
                best(res, "thin_first_write_iops", timed(round, (t, b) ->
                        v.write(pageIn(pageOf(order, next), blockBytes), b)));
                best(res, "thin_first_write_nozero_iops", timed(round, (t, b) ->
                        nv.write(pageIn(pageOf(order, nzNext), blockBytes), b)));
            }
            res.put("first_write_ratio", res.get("thin_first_write_iops") / res.get("raw_first_write_iops"));
            res.put("first_write_nozero_ratio", res.get("thin_first_write_nozero_iops")
                    / res.get("raw_first_write_iops"));

            // Overwrites of what the first writes wrote; each starts with no write-back pending.
            long written = Math.min(rawNext.get(), rawOrder.length);
            long mapped = Math.min(next.get(), order.length);
            raw.flush();
            v.flush();
            nv.flush();
            for (int r = 0; r < ROUNDS; r++) {
                best(res, "raw_overwrite_iops", timed(round, (t, b) ->
                        raw.write(rawOrder[t.nextInt((int) written)] * IO, b)));
                best(res, "thin_overwrite_iops", timed(round, (t, b) ->
                        v.write(pageIn(order[t.nextInt((int) mapped)], blockBytes), b)));
            }
            res.put("overwrite_ratio", res.get("thin_overwrite_iops") / res.get("raw_overwrite_iops"));

            // Commit cost: one 4 KiB write + fdatasync vs one new mapping + pool flush (data flush, metadata
            // commit), single-threaded.
            pool.createThin(2);
            ThinVolume f = pool.volume(2, dataBytes);
            AtomicInteger fb = new AtomicInteger();
            raw.flush();
            f.flush();
            for (int r = 0; r < ROUNDS; r++) {
                best(res, "raw_fdatasync_per_s", timed1(round, () -> {
                    raw.write(ThreadLocalRandom.current().nextLong(dataBytes / IO) * IO, ByteBuffer.allocate(IO));
                    raw.flush();
                }));
                best(res, "thin_flushes_per_s", timed1(round, () -> {
                    f.write((long) fb.getAndIncrement() * blockBytes, ByteBuffer.allocate(IO));
                    f.flush();
                }));
            }
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
            for (int r = 0; r < ROUNDS; r++) {
                for (Map.Entry<Integer, Long> e : atDepth.entrySet()) {
                    ThinVolume s = pool.volume(e.getValue(), dataBytes);
                    best(res, "read_iops_depth_" + e.getKey(), timed(round, (t, b) ->
                            s.read(pageIn(order[t.nextInt((int) mapped)], blockBytes), b)));
                }
            }
            res.put("depth200_vs_depth1_ratio", res.get("read_iops_depth_200") / res.get("read_iops_depth_1"));
        }
        for (Path p : List.of(rawPath, zMeta, zData, nzMeta, nzData)) {
            Files.deleteIfExists(p);
        }
        return res;
    }

    private static void best(Map<String, Double> res, String name, double value) {
        res.merge(name, value, Math::max);
    }

    /**
     * Runs the thin and raw write paths for a while on small scratch files first, so the measured phases compare
     * compiled code with compiled code.
     */
    private void warmUp(int blockBytes) throws Exception {
        Path m = dir.resolve("warm-meta.bin");
        Path d = dir.resolve("warm-data.bin");
        long blocks = 8192;
        try (FileBlockDevice meta = FileBlockDevice.create(m, 16L << 20);
             FileBlockDevice data = FileBlockDevice.create(d, blocks * blockBytes);
             ThinPool pool = ThinPool.format(meta, data, blockSectors, ThinPoolConfig.defaults())) {
            pool.createThin(1);
            ThinVolume v = pool.volume(1, blocks * blockBytes);
            long[] order = shuffled(blocks);
            AtomicInteger next = new AtomicInteger();
            timed(phase, (r, b) -> v.write(pageIn(pageOf(order, next), blockBytes), b));
            timed(phase, (r, b) -> {
                long vb = order[r.nextInt(order.length)];
                v.write(pageIn(vb, blockBytes), b);
                b.clear();
                v.read(pageIn(vb, blockBytes), b);
                b.clear();
                data.write(pageIn(vb, blockBytes), b);
            });
        }
        Files.deleteIfExists(m);
        Files.deleteIfExists(d);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /** One thread, for the phase time: ops/s. */
    private double timed1(Duration time, Step s) throws IOException {
        long end = System.nanoTime() + time.toNanos();
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

    private static long pageOf(long[] order, AtomicInteger next) {
        int i = next.getAndIncrement();
        if (i >= order.length) {
            throw new Exhausted();
        }
        return order[i];
    }

    /** 0..n-1 in a fixed random order (primitive: the bench itself should not feed the garbage collector). */
    private static long[] shuffled(long n) {
        long[] a = new long[Math.toIntExact(n)];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        java.util.Random r = new java.util.Random(42);
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
