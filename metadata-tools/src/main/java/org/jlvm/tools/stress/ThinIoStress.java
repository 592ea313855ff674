package org.jlvm.tools.stress;

import org.jlvm.thin.model.ContentModel;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.pool.DiscardMode;
import org.jlvm.thin.pool.NoSpacePolicy;
import org.jlvm.thin.pool.ThinPool;
import org.jlvm.thin.pool.ThinPoolConfig;
import org.jlvm.thin.pool.ThinPoolStatus;
import org.jlvm.thin.pool.ThinVolume;

/**
 * thin_stress {@code --io}: random reads, writes (4 KiB to 256 KiB, aligned or not), discards, write-zeroes and
 * flushes through {@link ThinVolume}s, mixed with device operations (thin, snapshot, delete, transaction id,
 * metadata snapshot); every read is checked against a {@link ContentModel}. Simulated power cuts hit both the
 * metadata and the data file; afterwards every device must equal the model as of the last flush (or, with
 * {@link CrashMode#SUBSET}, every sector must hold its flushed content or one written to it since).
 *
 * <p>Power cuts land at a seeded I/O index ({@link PowerCut}), inside whatever operation runs then (a write, a
 * flush, a snapshot, the metadata snapshot, a transaction id, a delete): every {@code crashEvery} operations the
 * power goes off within the next {@value #CUT_WINDOW} I/Os, wherever they land (between operations if none
 * came before the next planned cut).
 * Afterwards the pool must hold the state of the last completed commit, or, when the cut came once the
 * operation's superblock write was issued (its commit point: a cut at the flush after it may keep that write),
 * the operation's new state, though the operation failed. So the model applies a device operation before the
 * pool runs it: its current state is then the operation's new one whether the call returns or not.
 *
 * <p>Single-threaded and without the background commit, so that every commit is one the driver asked for; a
 * commit the pool makes on its own (to reuse blocks freed since the last one) is followed by a flush.
 */
public final class ThinIoStress {
    private static final int MAX_PROBLEMS = 20;
    private static final int MAX_DEVICES = 8;
    private static final int MIN_IO = 4096;
    private static final int MAX_IO = 256 * 1024;
    /** A planned power cut lands within this many I/Os of being planned, in whichever operation runs then. */
    static final int CUT_WINDOW = 60;

    private final ThinStressOptions opt;
    private final Random rnd;
    private final int blockBytes;
    private final long volumeBytes;
    private final ContentModel model;
    private final List<String> problems = new ArrayList<>();
    private CrashSimulatingBlockDevice meta;
    private CrashSimulatingBlockDevice data;
    private ThinPool pool;
    private ThinPoolConfig config;
    private long mismatches;
    private long crashes;
    private long commits;
    private long recoveries;
    private long verifiedReads;
    private long nextDevId;
    private long expectedCommits;
    private boolean metadataSnapHeld;
    private boolean snapHeldCommitted;
    private final PowerCut power = new PowerCut();
    private BlockDevice metaDev;
    private BlockDevice dataDev;
    /** What the running operation is: "write" (may commit on its own), "commit" (ends in a commit), or "none". */
    private String opKind = "none";
    private long cutsInside;

    public ThinIoStress(ThinStressOptions opt) {
        if (!opt.io()) {
            throw new IllegalArgumentException("ThinIoStress needs a data file");
        }
        this.opt = opt;
        this.rnd = new Random(opt.seed());
        this.blockBytes = opt.dataBlockSize() * 512;
        // Virtual size: half the data device per volume, at least 4 blocks, so snapshots can diverge.
        this.volumeBytes = Math.max(4, opt.dataBlocks() / 2) * blockBytes;
        this.model = new ContentModel(blockBytes);
    }

    /** Runs the whole stress; {@code progress} receives the number of operations done so far. */
    public ThinStressResult run(LongConsumer progress) throws IOException {
        boolean fresh = !Files.exists(opt.metadata());
        BlockDevice mf = fresh ? FileBlockDevice.create(opt.metadata(), opt.metadataSize())
                : FileBlockDevice.open(opt.metadata(), false);
        long dataSize = opt.dataBlocks() * blockBytes;
        BlockDevice df = Files.exists(opt.data()) && Files.size(opt.data()) >= dataSize
                ? FileBlockDevice.open(opt.data(), false) : FileBlockDevice.create(opt.data(), dataSize);
        config = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO)
                .withNoSpace(NoSpacePolicy.ERROR, Duration.ZERO).withDiscardMode(DiscardMode.PASSDOWN);
        try (CrashSimulatingBlockDevice m = new CrashSimulatingBlockDevice(mf);
             CrashSimulatingBlockDevice d = new CrashSimulatingBlockDevice(df)) {
            meta = m;
            data = d;
            metaDev = power.wrap(m);
            dataDev = power.wrap(d);
            if (fresh) {
                pool = ThinPool.format(metaDev, dataDev, opt.dataBlockSize(), config);
            } else {
                pool = ThinPool.open(metaDev, dataDev, opt.dataBlockSize(), config);
                loadModel();
            }
            expectedCommits = pool.commitCount();
            boolean armed = false;
            for (long op = 1; op <= opt.ops(); op++) {
                if (opt.crashEvery() > 0 && op % opt.crashEvery() == 0) {
                    if (armed) {
                        // The last cut did not come within crashEvery operations: cut between operations now.
                        power.disarm();
                        crash(false);
                    }
                    power.arm(1 + rnd.nextInt(CUT_WINDOW));
                    armed = true;
                }
                try {
                    opKind = "none";
                    step();
                    if (pool.commitCount() != expectedCommits) {
                        // The pool committed on its own in the middle of an operation: make the state a flush point.
                        flush();
                    }
                } catch (IOException | RuntimeException e) {
                    if (!power.isOff()) {
                        throw e;
                    }
                    armed = false;
                    cutsInside++;
                    crash(true);
                    continue;
                }
                if ((op & 1023) == 0) {
                    progress.accept(op);
                }
            }
            if (armed) {
                // One crash per planned cut: the last one did not come before the end.
                power.disarm();
                crash(false);
            }
            power.disarm();
            flush();
            pool.close();
            pool = ThinPool.open(metaDev, dataDev, opt.dataBlockSize(), config);
            verifyAll("after the final commit", true);
            ThinPoolStatus st = pool.status();
            long devices = pool.devices().size();
            long mappings = 0;
            for (long dev : pool.devices()) {
                mappings += pool.volumeStatus(dev).mappedBlocks();
            }
            pool.close();
            meta.flush();
            data.flush();
            return new ThinStressResult(opt.ops(), devices, mappings, st.transactionId(), crashes, mismatches,
                    commits, recoveries, List.copyOf(problems), verifiedReads, cutsInside);
        }
    }

    private void loadModel() throws IOException {
        for (long dev : pool.devices()) {
            model.create(dev);
            nextDevId = Math.max(nextDevId, dev + 1);
            ThinVolume v = pool.volume(dev, volumeBytes);
            for (long vb = 0; vb < volumeBytes / blockBytes; vb++) {
                byte[] b = v.read(vb * blockBytes, blockBytes);
                model.adopt(dev, vb, b);
            }
        }
        metadataSnapHeld = pool.status().heldRoot() != 0;
        snapHeldCommitted = metadataSnapHeld;
        model.flush();
    }

    private void problem(String what) {
        mismatches++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(what);
        }
    }

    private long randomDevice() {
        List<Long> ids = model.devices();
        return ids.get(rnd.nextInt(ids.size()));
    }

    private ThinVolume volume(long dev) throws IOException {
        return pool.volume(dev, volumeBytes);
    }

    // ------------------------------------------------------------------ operations

    private void step() throws IOException {
        int pick = rnd.nextInt(100);
        opKind = pick < 9 || pick >= 86 ? "commit" : pick < 45 || pick >= 75 ? "write" : "none";
        if (model.devices().isEmpty() || pick < 3 && model.devices().size() < MAX_DEVICES) {
            opKind = "commit"; // also when the pick was a write: creating the first device commits
            long dev = nextDevId++;
            model.create(dev); // first: a cut inside the commit may leave the new state durable
            pool.createThin(dev);
            committed();
        } else if (pick < 7) {
            if (model.devices().size() >= MAX_DEVICES) {
                deleteRandom();
            } else {
                long origin = randomDevice();
                long dev = nextDevId++;
                model.snapshot(dev, origin);
                pool.createSnapshot(dev, origin);
                committed();
            }
        } else if (pick < 9) {
            deleteRandom();
        } else if (pick < 45) {
            write();
        } else if (pick < 75) {
            read();
        } else if (pick < 83) {
            discard(false);
        } else if (pick < 86) {
            discard(true);
        } else if (pick < 87) {
            long t = pool.status().transactionId();
            pool.setTransactionId(t, t + 1);
            committed();
        } else if (pick < 88) {
            metadataSnapHeld = !metadataSnapHeld;
            if (metadataSnapHeld) {
                pool.reserveMetadataSnap();
            } else {
                pool.releaseMetadataSnap();
            }
            committed();
        } else {
            flush();
        }
    }

    private int ioLength() {
        int len = MIN_IO << rnd.nextInt(7);
        if (rnd.nextBoolean()) {
            len = MIN_IO + rnd.nextInt(MAX_IO - MIN_IO + 1);
        }
        return (int) Math.min(len, volumeBytes);
    }

    private long ioOffset(int len) {
        long range = volumeBytes - len;
        long off = (long) (rnd.nextDouble() * (range + 1));
        return rnd.nextBoolean() ? off : off / MIN_IO * MIN_IO;
    }

    private void write() throws IOException {
        int len = ioLength();
        ensureSpace(len / blockBytes + 2);
        opKind = "write";
        long dev = randomDevice();
        long off = ioOffset(len);
        byte[] buf = new byte[len];
        rnd.nextBytes(buf);
        model.write(dev, off, buf);
        volume(dev).write(off, buf);
    }

    private void read() throws IOException {
        long dev = randomDevice();
        int len = ioLength();
        long off = ioOffset(len);
        byte[] got = volume(dev).read(off, len);
        verifiedReads++;
        byte[] want = model.read(dev, off, len);
        if (!Arrays.equals(got, want)) {
            problem("device " + dev + " read at " + off + "+" + len + " differs from the model at byte "
                    + (off + Arrays.mismatch(got, want)));
        }
    }

    private void discard(boolean writeZeroes) throws IOException {
        ensureSpace(2);
        opKind = "write";
        long dev = randomDevice();
        int len = ioLength();
        long off = ioOffset(len);
        model.zero(dev, off, len);
        if (writeZeroes) {
            volume(dev).writeZeroes(off, len);
        } else {
            volume(dev).discard(off, len);
        }
    }

    private void deleteRandom() throws IOException {
        long dev = randomDevice();
        model.delete(dev);
        pool.deleteDevice(dev);
        committed();
    }

    private void flush() throws IOException {
        pool.commit();
        committed();
    }

    /** The pool committed: the model's current state is the flushed one. */
    private void committed() {
        model.flush();
        snapHeldCommitted = metadataSnapHeld;
        commits++;
        expectedCommits = pool.commitCount();
    }

    /** Keeps enough data blocks free for the next operation, as a user would: commit, then delete devices. */
    private void ensureSpace(long needed) throws IOException {
        long margin = needed + 4;
        if (pool.status().freeDataBlocks() >= margin + 16) {
            return;
        }
        recoveries++;
        opKind = "commit";
        if (metadataSnapHeld) {
            // The metadata snapshot keeps deleted devices' blocks: drop it first.
            metadataSnapHeld = false;
            pool.releaseMetadataSnap();
            committed();
        }
        flush();
        while (pool.status().freeDataBlocks() < margin + 16 && model.devices().size() > 1) {
            deleteRandom();
        }
        if (pool.status().freeDataBlocks() < margin) {
            // One device left and still too full: unmap it all.
            long dev = randomDevice();
            model.zero(dev, 0, volumeBytes);
            volume(dev).discard(0, volumeBytes);
            flush();
        }
    }

    // ------------------------------------------------------------------ crashes and verification

    /**
     * Power cut: drops (or keeps a subset of) everything not flushed on both devices, reopens, and compares with the
     * model: the last commit's state, or (for a cut inside an operation that may have committed) the new state.
     */
    private void crash(boolean inside) throws IOException {
        crashes++;
        pool.closeAbruptly();
        CrashMode mode = opt.crashMode();
        power.crash(mode, rnd);
        pool = ThinPool.open(metaDev, dataDev, opt.dataBlockSize(), config);
        expectedCommits = pool.commitCount();
        String when = "after crash " + crashes + (inside ? " inside a " + opKind + " operation" : "");
        // Between operations (dropping everything not flushed) the devices equal the last flush exactly. A cut
        // inside an operation may come after the data device was flushed and before the metadata commit: then
        // in-place overwrites since the last flush are durable and new mappings are not, so each block holds its
        // flushed content or a version written since (the flush contract), and the devices and metadata snapshot
        // are the last commit's or, if the operation's own commit was durable, its new ones.
        boolean exact = mode == CrashMode.DROP_ALL && !inside;
        List<String> asOld = differences(false, exact);
        if (!asOld.isEmpty() && inside && opKind.equals("commit")) {
            List<String> asNew = differences(true, exact);
            if (asNew.isEmpty()) {
                model.flush(); // the operation's commit was durable before the cut
                asOld = asNew;
            }
        }
        for (String p : asOld) {
            problem(when + ": " + p);
        }
        metadataSnapHeld = pool.status().heldRoot() != 0;
        snapHeldCommitted = metadataSnapHeld;
        model.rollback();
        if (pool.devices().equals(model.devices())) {
            for (long dev : model.devices()) {
                ThinVolume v = volume(dev);
                for (long vb = 0; vb < volumeBytes / blockBytes; vb++) {
                    model.adopt(dev, vb, v.read(vb * blockBytes, blockBytes));
                }
            }
        }
        model.flush();
    }

    /**
     * How the reopened pool differs from the model's state: the last flushed one, or ({@code asNew}) the current
     * one. Exact: every block equals that state; else each sector holds its flushed content or one written since.
     */
    private List<String> differences(boolean asNew, boolean exact) throws IOException {
        List<String> out = new ArrayList<>();
        List<Long> devs = pool.devices();
        List<Long> want = asNew ? model.devices() : model.flushedDevices();
        if (!devs.equals(want)) {
            out.add("devices " + devs + ", model has " + want);
            return out;
        }
        boolean held = pool.status().heldRoot() != 0;
        // A metadata snapshot operation commits before it takes or drops the snapshot: as new, either is acceptable.
        if (held != snapHeldCommitted && !(asNew && held == metadataSnapHeld)) {
            out.add("metadata snapshot held=" + held + ", model says " + snapHeldCommitted);
        }
        for (long dev : devs) {
            ThinVolume v = volume(dev);
            for (long vb = 0; vb < volumeBytes / blockBytes; vb++) {
                byte[] got = v.read(vb * blockBytes, blockBytes);
                verifiedReads++;
                boolean ok;
                if (asNew && (exact || !model.flushedDevices().contains(dev))) {
                    // A device the operation created (a snapshot of data flushed first) holds its current content.
                    ok = Arrays.equals(got, model.read(dev, vb * blockBytes, blockBytes));
                } else {
                    ok = exact ? Arrays.equals(got, model.flushedBlock(dev, vb)) : model.sectorsAcceptable(dev, vb, got);
                }
                if (!ok) {
                    out.add("device " + dev + " block " + vb + " holds content " + (exact
                            ? "other than at the " + (asNew ? "operation's commit" : "last flush")
                            : "neither flushed nor written since"));
                    if (out.size() > 5) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    private void verifyAll(String when, boolean exact) throws IOException {
        List<Long> devs = pool.devices();
        if (!devs.equals(model.devices())) {
            problem(when + ": devices " + devs + ", model has " + model.devices());
            return;
        }
        if ((pool.status().heldRoot() != 0) != metadataSnapHeld) {
            problem(when + ": metadata snapshot held=" + (pool.status().heldRoot() != 0) + ", model says "
                    + metadataSnapHeld);
        }
        for (long dev : devs) {
            ThinVolume v = volume(dev);
            for (long vb = 0; vb < volumeBytes / blockBytes; vb++) {
                byte[] got = v.read(vb * blockBytes, blockBytes);
                verifiedReads++;
                boolean ok = exact ? Arrays.equals(got, model.flushedBlock(dev, vb))
                        : model.sectorsAcceptable(dev, vb, got);
                if (!ok) {
                    problem(when + ": device " + dev + " block " + vb + " holds content "
                            + (exact ? "other than at the last flush" : "neither flushed nor written since"));
                }
                model.adopt(dev, vb, got);
            }
        }
    }
}
