package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.error.ReadOnlyException;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;

/**
 * The {@code vdo_stress} driver as a library: random 4 KiB-multiple writes (a share of them duplicate, zero
 * or compressible), reads, discards, FUA writes and flushes against a {@link DedupDevice}, checked against a
 * model.
 * With crashes, the backing device is wrapped in a {@link CrashSimulatingBlockDevice}; after each simulated
 * power cut the device is reopened and every block must equal the model as of the last completed flush.
 */
public final class DedupStress {
    private static final int BLOCK = DedupDevice.BLOCK;
    private static final int DUP_POOL = 48;
    private static final int MAX_REPORTED = 10;

    /**
     * @param logicalBytes logical size of the dedup device
     * @param seed random seed (the run is deterministic for a seed)
     * @param ops number of random operations
     * @param crashEvery simulate a power cut every this many operations (0: never)
     * @param crashMode what survives a power cut
     * @param indexSlots fingerprint index slots
     * @param input a file written first and read back (null: none)
     */
    public record Config(long logicalBytes, long seed, long ops, long crashEvery, CrashMode crashMode,
            int indexSlots, Path input) {
    }

    /**
     * Outcome. Blocks are 4 KiB; {@code physicalUsed} counts data and packed blocks, not metadata.
     *
     * @param inputMBps write throughput of the input file in MB/s (0 without input)
     * @param inputReadMBps read-back throughput of the input file in MB/s
     */
    public record Result(long ops, long logicalUsed, long physicalUsed, int savingPercent, long crashes,
            long mismatches, List<String> problems, DedupStatistics statistics, double inputMBps,
            double inputReadMBps) {

        /** The summary line {@code vdo_stress} prints last. */
        public String summaryLine() {
            return "ops=" + ops + " logical_used=" + logicalUsed + " physical_used=" + physicalUsed
                    + " saving_pct=" + savingPercent + " crashes=" + crashes + " mismatches=" + mismatches;
        }
    }

    private final Config cfg;
    private final BlockDevice backing;
    private final CrashSimulatingBlockDevice crashable;
    private final Random random;
    private final long blocks;
    private long[] model;
    private long[] durable;
    private final List<String> problems = new ArrayList<>();
    private long mismatches;
    private long crashes;
    private long nextKey;
    private StressContent content;
    private DedupDevice dev;

    private DedupStress(BlockDevice rawBacking, Config cfg) {
        this.cfg = cfg;
        BlockDevice kept = new KeepOpen(rawBacking);
        this.crashable = cfg.crashEvery() > 0 ? new CrashSimulatingBlockDevice(kept) : null;
        this.backing = crashable != null ? crashable : kept;
        this.random = new Random(cfg.seed());
        this.blocks = cfg.logicalBytes() / BLOCK;
        this.model = new long[(int) blocks];
        this.durable = new long[(int) blocks];
        this.nextKey = 1000 + (cfg.seed() & 0xffff) * 1_000_000_000L;
    }

    /** The backing device survives the driver's reopen cycles; the caller closes it. */
    private static final class KeepOpen implements BlockDevice {
        private final BlockDevice d;

        KeepOpen(BlockDevice d) {
            this.d = d;
        }

        @Override
        public long size() {
            return d.size();
        }

        @Override
        public void read(long offset, ByteBuffer dst) throws IOException {
            d.read(offset, dst);
        }

        @Override
        public void write(long offset, ByteBuffer src) throws IOException {
            d.write(offset, src);
        }

        @Override
        public void flush() throws IOException {
            d.flush();
        }

        @Override
        public void discard(long offset, long length) throws IOException {
            d.discard(offset, length);
        }

        @Override
        public void writeZeroes(long offset, long length) throws IOException {
            d.writeZeroes(offset, length);
        }

        @Override
        public void close() {
            // the caller owns the device
        }
    }

    /** Formats {@code backing} and runs the configured workload on it; closes the device at the end. */
    public static Result run(BlockDevice backing, Config cfg) throws IOException {
        return new DedupStress(backing, cfg).run();
    }

    private DedupOptions options() {
        return DedupOptions.ofLogicalSize(cfg.logicalBytes()).withIndexSlots(cfg.indexSlots());
    }

    private Result run() throws IOException {
        double writeMBps = 0;
        double readMBps = 0;
        FileChannel input = cfg.input() == null ? null : FileChannel.open(cfg.input(), StandardOpenOption.READ);
        try {
            content = new StressContent(input);
            dev = DedupDevice.format(backing, options());
            if (input != null) {
                double[] speeds = writeInput(input);
                writeMBps = speeds[0];
                readMBps = speeds[1];
            }
            try {
                for (long op = 1; op <= cfg.ops(); op++) {
                    step();
                    if (cfg.crashEvery() > 0 && op % cfg.crashEvery() == 0) {
                        crashAndCheck();
                    }
                }
            } catch (ReadOnlyException e) {
                mismatch("stopped: " + e.getMessage());
            }
            dev.flush();
            durable = model.clone();
            verifyAll(model, "final");
            DedupStatistics st = dev.statistics();
            dev.close();
            dev = DedupDevice.open(backing, options());
            verifyAll(model, "after clean reopen");
            dev.close();
            dev = null;
            return new Result(cfg.ops(), st.logicalBlocksUsed(), st.dataBlocksUsed(), st.savingPercent(), crashes,
                    mismatches, List.copyOf(problems), st, writeMBps, readMBps);
        } finally {
            if (dev != null) {
                dev.close();
            }
            if (input != null) {
                input.close();
            }
        }
    }

    private double[] writeInput(FileChannel input) throws IOException {
        long size = input.size();
        long fileBlocks = (size + BLOCK - 1) / BLOCK;
        if (fileBlocks > blocks) {
            throw new IllegalArgumentException("input of " + size + " bytes exceeds the logical size");
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long t0 = System.nanoTime();
        long pos = 0;
        while (pos < size) {
            buf.clear();
            int n = input.read(buf, pos);
            if (n <= 0) {
                break;
            }
            buf.flip();
            dev.write(pos, buf);
            pos += n;
        }
        dev.flush();
        double writeSecs = (System.nanoTime() - t0) / 1e9;
        for (long b = 0; b < fileBlocks; b++) {
            model[(int) b] = StressContent.fileKey(b);
        }
        durable = model.clone();
        dev.close();
        dev = DedupDevice.open(backing, options());
        long t1 = System.nanoTime();
        verifyRange(model, 0, fileBlocks, "input read-back");
        double readSecs = (System.nanoTime() - t1) / 1e9;
        return new double[] {size / 1e6 / Math.max(writeSecs, 1e-9), size / 1e6 / Math.max(readSecs, 1e-9)};
    }

    private void step() throws IOException {
        int dice = random.nextInt(100);
        if (dice < 50) {
            int n = 1 + random.nextInt(8);
            long lba = random.nextLong(blocks - n + 1);
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = pickContent();
            }
            write(lba, keys, false);
        } else if (dice < 80) {
            int n = 1 + random.nextInt(8);
            long lba = random.nextLong(blocks - n + 1);
            verifyRange(model, lba, lba + n, "read");
        } else if (dice < 90) {
            int n = 1 + random.nextInt(32);
            long lba = random.nextLong(Math.max(1, blocks - n + 1));
            n = (int) Math.min(n, blocks - lba);
            dev.discard(lba * BLOCK, (long) n * BLOCK);
            Arrays.fill(model, (int) lba, (int) lba + n, 0L);
        } else if (random.nextInt(4) == 0) {
            long lba = random.nextLong(blocks);
            write(lba, new long[] {pickContent()}, true); // this device's FUA flushes everything
            durable = model.clone();
        } else {
            dev.flush();
            durable = model.clone();
        }
    }

    private void put(long lba, byte[] data, boolean fua) throws IOException {
        if (fua) {
            dev.writeFua(lba * BLOCK, ByteBuffer.wrap(data));
        } else {
            dev.write(lba * BLOCK, ByteBuffer.wrap(data));
        }
    }

    private long pickContent() {
        int d = random.nextInt(100);
        if (d < 10) {
            return 0;
        }
        if (d < 40) {
            return 1 + random.nextInt(DUP_POOL);
        }
        return nextKey++;
    }

    private void write(long lba, long[] keys, boolean fua) throws IOException {
        byte[] data = new byte[keys.length * BLOCK];
        byte[] one = new byte[BLOCK];
        for (int i = 0; i < keys.length; i++) {
            content.fill(keys[i], one);
            System.arraycopy(one, 0, data, i * BLOCK, BLOCK);
        }
        try {
            put(lba, data, fua);
        } catch (NoSpaceException e) {
            dev.flush();
            durable = model.clone();
            try {
                put(lba, data, fua);
            } catch (NoSpaceException again) {
                resolveFailedWrite(lba, keys);
                return;
            }
        }
        System.arraycopy(keys, 0, model, (int) lba, keys.length);
    }

    /** After a write failed for lack of space, each block must hold its old or its new content. */
    private void resolveFailedWrite(long lba, long[] keys) throws IOException {
        byte[] got = new byte[BLOCK];
        byte[] want = new byte[BLOCK];
        for (int i = 0; i < keys.length; i++) {
            dev.read((lba + i) * BLOCK, ByteBuffer.wrap(got));
            content.fill(keys[i], want);
            if (Arrays.equals(got, want)) {
                model[(int) lba + i] = keys[i];
                continue;
            }
            content.fill(model[(int) lba + i], want);
            if (!Arrays.equals(got, want)) {
                mismatch("block " + (lba + i) + " after a failed write holds neither old nor new content");
            }
        }
    }

    private void crashAndCheck() throws IOException {
        dev.halt(); // the power cut also stops the old instance's background timer
        crashable.crash(cfg.crashMode(), random);
        crashes++;
        dev = DedupDevice.open(backing, options());
        verifyAll(durable, "after crash " + crashes);
        model = durable.clone();
    }

    private void verifyAll(long[] expected, String when) throws IOException {
        verifyRange(expected, 0, blocks, when);
    }

    private void verifyRange(long[] expected, long from, long to, String when) throws IOException {
        int chunk = 64;
        byte[] got = new byte[chunk * BLOCK];
        byte[] want = new byte[BLOCK];
        for (long b = from; b < to; b += chunk) {
            int n = (int) Math.min(chunk, to - b);
            try {
                dev.read(b * BLOCK, ByteBuffer.wrap(got, 0, n * BLOCK));
            } catch (IOException e) {
                readEachBlock(expected, b, n, when);
                continue;
            }
            for (int i = 0; i < n; i++) {
                content.fill(expected[(int) b + i], want);
                if (!Arrays.equals(got, i * BLOCK, (i + 1) * BLOCK, want, 0, BLOCK)) {
                    mismatch(when + ": block " + (b + i) + " differs from the model (key "
                            + expected[(int) b + i] + ")");
                }
            }
        }
    }

    /** Block by block, so that one unreadable block counts as one mismatch. */
    private void readEachBlock(long[] expected, long first, int n, String when) throws IOException {
        byte[] got = new byte[BLOCK];
        byte[] want = new byte[BLOCK];
        for (int i = 0; i < n; i++) {
            try {
                dev.read((first + i) * BLOCK, ByteBuffer.wrap(got));
            } catch (IOException e) {
                mismatch(when + ": block " + (first + i) + " unreadable: " + e.getMessage());
                continue;
            }
            content.fill(expected[(int) first + i], want);
            if (!Arrays.equals(got, want)) {
                mismatch(when + ": block " + (first + i) + " differs from the model");
            }
        }
    }

    private void mismatch(String what) {
        mismatches++;
        if (problems.size() < MAX_REPORTED) {
            problems.add(what);
        }
    }
}
