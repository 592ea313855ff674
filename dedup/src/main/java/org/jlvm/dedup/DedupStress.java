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
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.ForwardingBlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.io.FaultInjectingBlockDevice;

/**
 * The {@code vdo_stress} driver as a library: random 4 KiB-multiple writes (a share of them duplicate, zero
 * or compressible), reads, discards, FUA writes and flushes against a {@link DedupDevice}, checked against a
 * model.
 *
 * <p>With crashes ({@code crashEvery} N), the backing device is a {@link FaultInjectingBlockDevice} (a volatile
 * write cache that counts I/Os) and every window of N operations gets one fault, armed at a seeded operation
 * and a seeded I/O index after it, so it strikes <em>inside</em> an operation (a write, a packer write, a
 * commit between its page writes and its superblock...):
 * <ul>
 *   <li>{@link Faults#POWER_CUT}: the disk dies at that I/O; the device is reopened after the cut;</li>
 *   <li>{@link Faults#FAIL_ONCE}, {@link Faults#FAIL_RANGE}: one I/O, or a run of them, fails and the disk
 *       goes on; {@link Faults#FAIL_FLUSH}: one flush fails and loses some of the cached writes;</li>
 *   <li>{@link Faults#MIXED}: one of the above at random.</li>
 * </ul>
 * After a failed operation the driver reads back what it touched (each block holds its old or its new
 * content), then flushes: a flush either fails, or everything it acknowledged must survive the power cut
 * that follows. After every power cut (also one at the end of a window in which the fault did not strike)
 * every block must equal the model at the last completed flush, or at a flush that failed (its commit may
 * have landed). Deterministic for a seed (the packer's timer is off when faults are injected).
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
            int indexSlots, Path input, Faults faults) {

        /** Power cuts inside operations. */
        public Config(long logicalBytes, long seed, long ops, long crashEvery, CrashMode crashMode,
                int indexSlots, Path input) {
            this(logicalBytes, seed, ops, crashEvery, crashMode, indexSlots, input, Faults.POWER_CUT);
        }
    }

    /** The fault armed in every window of {@code crashEvery} operations. */
    public enum Faults { POWER_CUT, FAIL_ONCE, FAIL_FLUSH, FAIL_RANGE, MIXED }

    /** An operation in progress: what to resolve if it fails. */
    private record Op(char kind, long lba, long[] keys, long[] before) {
    }

    /**
     * Outcome. Blocks are 4 KiB; {@code physicalUsed} counts data and packed blocks, not metadata.
     *
     * @param inputMBps write throughput of the input file in MB/s (0 without input)
     * @param inputReadMBps read-back throughput of the input file in MB/s
     * @param faultsInjected injected faults that struck (power cuts inside operations, failed I/Os)
     */
    public record Result(long ops, long logicalUsed, long physicalUsed, int savingPercent, long crashes,
            long mismatches, List<String> problems, DedupStatistics statistics, double inputMBps,
            double inputReadMBps, long faultsInjected) {

        /** The summary line {@code vdo_stress} prints last. */
        public String summaryLine() {
            return "ops=" + ops + " logical_used=" + logicalUsed + " physical_used=" + physicalUsed
                    + " saving_pct=" + savingPercent + " crashes=" + crashes + " mismatches=" + mismatches;
        }
    }

    private final Config cfg;
    private final BlockDevice backing;
    private final FaultInjectingBlockDevice disk;
    private final Random faultRandom;
    private final List<long[]> candidates = new ArrayList<>(); // models of flushes that failed since the last good one
    private Op current;
    private long faultsInjected;
    private long seenFaults;
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
        this.faultRandom = new Random(~cfg.seed());
        this.disk = cfg.crashEvery() > 0 ? FaultInjectingBlockDevice.leavingOpen(kept) : null;
        this.backing = disk != null ? disk : kept;
        this.random = new Random(cfg.seed());
        this.blocks = cfg.logicalBytes() / BLOCK;
        this.model = new long[(int) blocks];
        this.durable = new long[(int) blocks];
        this.nextKey = 1000 + (cfg.seed() & 0xffff) * 1_000_000_000L;
    }

    /** The backing device survives the driver's reopen cycles; the caller closes it. */
    private static final class KeepOpen extends ForwardingBlockDevice {
        KeepOpen(BlockDevice d) {
            super(d);
        }

        @Override
        public void discard(long offset, long length) throws IOException {
            inner.discard(offset, length);
        }

        @Override
        public void writeZeroes(long offset, long length) throws IOException {
            inner.writeZeroes(offset, length);
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
        DedupOptions o = DedupOptions.ofLogicalSize(cfg.logicalBytes()).withIndexSlots(cfg.indexSlots());
        return disk != null ? o.withPackerMaxWaitMillis(0) : o; // no timer thread: I/O indices repeat per seed
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
            runOps();
            if (disk != null) {
                disk.disarm();
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
                    mismatches, List.copyOf(problems), st, writeMBps, readMBps, faultsInjected);
        } finally {
            if (dev != null) {
                dev.close();
            }
            if (input != null) {
                input.close();
            }
        }
    }

    private void runOps() throws IOException {
        long n = cfg.crashEvery();
        long armAt = -1;
        long crashesBefore = 0;
        for (long op = 1; op <= cfg.ops(); op++) {
            long inWindow = n > 0 ? (op - 1) % n : -1;
            if (inWindow == 0) {
                armAt = random.nextLong(n);
                crashesBefore = crashes;
            }
            if (n > 0 && inWindow == armAt) {
                arm();
            }
            try {
                step();
            } catch (IOException e) {
                if (disk == null) {
                    throw e;
                }
                recover(e);
            }
            if (n > 0 && inWindow == n - 1) {
                if (crashes == crashesBefore) {
                    disk.disarm();
                    crashAndCheck(); // no power cut in this window yet: one between operations
                }
                faultsInjected = disk.injectedFaults();
            }
        }
        if (disk != null) {
            faultsInjected = disk.injectedFaults();
        }
    }

    /** Arms this window's fault a few I/Os from now, so it strikes inside this or a following operation. */
    private void arm() {
        Faults f = cfg.faults();
        if (f == Faults.MIXED) {
            f = Faults.values()[random.nextInt(Faults.MIXED.ordinal())];
        }
        long after = 1 + random.nextInt(12);
        switch (f) {
            case POWER_CUT -> disk.failAfter(after);
            case FAIL_ONCE -> disk.failRange(after, 1);
            case FAIL_RANGE -> disk.failRange(after, 2 + random.nextInt(20));
            default -> disk.failFlushAfter(1 + random.nextInt(3), CrashMode.SUBSET, faultRandom);
        }
    }

    /**
     * An operation failed. After a power cut: reopen and check. Otherwise the disk goes on: read back what the
     * operation touched, flush, and check after a power cut that the flush kept its promise.
     */
    private void recover(IOException e) throws IOException {
        boolean injected = disk.injectedFaults() > seenFaults;
        seenFaults = disk.injectedFaults();
        if (!injected) {
            mismatch("operation failed with no fault injected: " + e);
        }
        if (!disk.isDead()) {
            disk.disarm();
            if (resolve(current)) {
                candidates.add(model.clone());
                try {
                    dev.flush();
                    durable = model.clone();
                    candidates.clear();
                } catch (IOException flushFailed) {
                    // acceptable: nothing was promised
                }
            }
        }
        crashAndCheck();
    }

    /**
     * Reads back the blocks a failed operation touched: each must hold its old or its new content, and the
     * model takes what it holds. False when a read fails (the device is failing until reopened).
     */
    private boolean resolve(Op op) throws IOException {
        if (op == null || op.keys() == null) {
            return true;
        }
        byte[] got = new byte[BLOCK];
        byte[] want = new byte[BLOCK];
        for (int i = 0; i < op.keys().length; i++) {
            long lba = op.lba() + i;
            try {
                dev.read(lba * BLOCK, ByteBuffer.wrap(got));
            } catch (IOException e) {
                return false;
            }
            content.fill(op.keys()[i], want);
            if (Arrays.equals(got, want)) {
                model[(int) lba] = op.keys()[i];
                continue;
            }
            content.fill(op.before()[i], want);
            if (!Arrays.equals(got, want)) {
                mismatch("block " + lba + " after a failed " + op.kind() + " holds neither old nor new content");
            }
        }
        return true;
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

    private Op op(char kind, long lba, long[] keys) {
        long[] before = keys == null ? null : Arrays.copyOfRange(model, (int) lba, (int) lba + keys.length);
        current = new Op(kind, lba, keys, before);
        return current;
    }

    /** Flushes; while it runs, the model it would make durable is a candidate for what a crash leaves. */
    private void flushModel(long[] after) throws IOException {
        candidates.add(after.clone());
        dev.flush();
        durable = after.clone();
        candidates.clear();
    }

    private void step() throws IOException {
        current = null;
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
            op('d', lba, new long[n]);
            dev.discard(lba * BLOCK, (long) n * BLOCK);
            Arrays.fill(model, (int) lba, (int) lba + n, 0L);
        } else if (random.nextInt(4) == 0) {
            long lba = random.nextLong(blocks);
            write(lba, new long[] {pickContent()}, true); // this device's FUA flushes everything
            durable = model.clone();
            candidates.clear();
        } else {
            op('f', 0, null);
            flushModel(model);
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
        op(fua ? 'F' : 'w', lba, keys);
        if (fua) {
            long[] after = model.clone();
            System.arraycopy(keys, 0, after, (int) lba, keys.length);
            candidates.add(after);
        }
        try {
            put(lba, data, fua);
        } catch (NoSpaceException e) {
            flushModel(model);
            if (fua) {
                long[] after = model.clone();
                System.arraycopy(keys, 0, after, (int) lba, keys.length);
                candidates.add(after);
            }
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

    /**
     * Power cut, reopen, and check that every block equals the model at the last completed flush or at a
     * flush that failed since (its commit may have landed).
     */
    private void crashAndCheck() throws IOException {
        dev.halt(); // the power cut also stops the old instance's background timer
        disk.crash(cfg.crashMode(), faultRandom);
        crashes++;
        current = null;
        dev = DedupDevice.open(backing, options());
        if (dev.readOnlyReason() != null) {
            mismatch("read-only after crash " + crashes + ": " + dev.readOnlyReason());
        }
        long[] state = durable;
        if (differs(durable)) {
            for (long[] c : candidates) {
                if (!differs(c)) {
                    state = c;
                    break;
                }
            }
        }
        verifyAll(state, "after crash " + crashes);
        candidates.clear();
        durable = state.clone();
        model = state.clone();
    }

    /** True if some block differs from {@code expected} or cannot be read. */
    private boolean differs(long[] expected) throws IOException {
        byte[] got = new byte[BLOCK];
        byte[] want = new byte[BLOCK];
        for (long b = 0; b < blocks; b++) {
            try {
                dev.read(b * BLOCK, ByteBuffer.wrap(got));
            } catch (IOException e) {
                return true;
            }
            content.fill(expected[(int) b], want);
            if (!Arrays.equals(got, want)) {
                return true;
            }
        }
        return false;
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
                if (disk != null && disk.injectedFaults() > seenFaults) {
                    throw e; // an injected fault struck this read: the caller recovers
                }
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
