package org.jlvm.tools.stress;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.format.BlockTime;
import org.jlvm.thin.meta.PoolMetadata;
import org.jlvm.thin.meta.PoolStats;

/**
 * The thin_stress driver: random operations on real pool metadata, every lookup checked against a
 * {@link MetadataModel}; optional simulated power cuts after which the metadata must equal the model as of
 * the last commit. Running out of data or metadata space is handled as a user would: delete devices, unmap,
 * commit, go on.
 *
 * <p>Power cuts land at a seeded I/O index ({@link PowerCut}) inside whatever operation runs (a commit, the
 * metadata snapshot, a B-tree change reading blocks): every {@code crashEvery} operations the power goes off
 * within the next {@value #CUT_WINDOW} I/Os, or at the end of the operation if it does fewer. The reopened
 * metadata must equal the model at the last commit or, for an operation that commits, its new state.
 */
public final class ThinStress {
    private static final int MAX_PROBLEMS = 20;
    static final int CUT_WINDOW = 64;
    private final PowerCut power = new PowerCut();
    private BlockDevice powered;
    /** The running operation ends in a commit. */
    private boolean committingOp;
    private long cutsInside;
    private final ThinStressOptions opt;
    private final Random rnd;
    private final MetadataModel model = new MetadataModel();
    private final List<String> problems = new ArrayList<>();
    private final long virtualBlocks;
    private PoolMetadata pm;
    private long mismatches;
    private long crashes;
    private long commits;
    private long recoveries;
    private long nextDevId;

    public ThinStress(ThinStressOptions opt) {
        this.opt = opt;
        this.rnd = new Random(opt.seed());
        this.virtualBlocks = Math.max(1024, opt.dataBlocks());
    }

    /** Runs the whole stress; {@code progress} receives the number of operations done so far. */
    public ThinStressResult run(LongConsumer progress) throws IOException {
        boolean fresh = !Files.exists(opt.metadata());
        BlockDevice file = fresh ? FileBlockDevice.create(opt.metadata(), opt.metadataSize())
                : FileBlockDevice.open(opt.metadata(), false);
        try (CrashSimulatingBlockDevice dev = new CrashSimulatingBlockDevice(file)) {
            powered = power.wrap(dev);
            if (fresh) {
                pm = PoolMetadata.format(powered, opt.dataBlockSize(), opt.dataBlocks(),
                        PoolMetadata.DEFAULT_CACHE_BYTES);
            } else {
                pm = PoolMetadata.open(powered, PoolMetadata.DEFAULT_CACHE_BYTES, false);
                loadModel();
            }
            boolean armed = false;
            for (long op = 1; op <= opt.ops(); op++) {
                if (opt.crashEvery() > 0 && op % opt.crashEvery() == 0) {
                    if (armed) {
                        // The last cut did not come within crashEvery operations: cut between operations now.
                        power.disarm();
                        crash(false);
                    }
                    // Metadata operations mostly hit the block cache: the cut lands at the chosen I/O wherever
                    // that is (usually inside a commit or a metadata snapshot), within the next operations.
                    power.arm(1 + rnd.nextInt(CUT_WINDOW));
                    armed = true;
                }
                try {
                    committingOp = false;
                    step();
                } catch (IOException | RuntimeException e) {
                    if (!power.isOff()) {
                        throw e;
                    }
                    armed = false;
                    cutsInside++;
                    crash(true);
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
            pm.commit();
            model.commit();
            commits++;
            pm.close();
            pm = PoolMetadata.open(powered, PoolMetadata.DEFAULT_CACHE_BYTES, true);
            verifyAll("after the final commit");
            PoolStats st = pm.stats();
            long devices = pm.devices().size();
            long mappings = countMappings();
            pm.close();
            dev.flush();
            return new ThinStressResult(opt.ops(), devices, mappings, st.transactionId(), crashes, mismatches,
                    commits, recoveries, List.copyOf(problems), -1, cutsInside);
        }
    }

    private void loadModel() throws IOException {
        for (long dev : pm.devices()) {
            TreeMap<Long, Long> m = new TreeMap<>();
            pm.forEachMapping(dev, 0, -1L, (vb, bt) -> {
                m.put(vb, BlockTime.blockOf(bt));
                return true;
            });
            model.devices.put(dev, m);
            nextDevId = Math.max(nextDevId, dev + 1);
        }
        model.transactionId = pm.stats().transactionId();
        model.metadataSnapHeld = pm.stats().heldRoot() != 0;
        model.commit();
    }

    private long countMappings() throws IOException {
        long n = 0;
        for (long dev : pm.devices()) {
            n += pm.details(dev).mappedBlocks();
        }
        return n;
    }

    private void problem(String what) {
        mismatches++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(what);
        }
    }

    // ------------------------------------------------------------------ operations

    private void step() throws IOException {
        try {
            ensureSpace();
            int pick = rnd.nextInt(100);
            if (model.devices.isEmpty() || pick < 4) {
                createThin();
            } else if (pick < 10) {
                snapshot();
            } else if (pick < 13) {
                deleteRandom();
            } else if (pick < 50) {
                mapRun();
            } else if (pick < 62) {
                overwriteShared();
            } else if (pick < 72) {
                unmapRun();
            } else if (pick < 88) {
                lookups();
            } else if (pick < 91) {
                long t = model.transactionId;
                pm.setTransactionId(t, t + 1);
                model.setTransactionId(t + 1);
            } else if (pick < 93) {
                toggleMetadataSnap();
            } else {
                commit();
            }
        } catch (NoSpaceException e) {
            // Out of space in the middle of a change: the transaction is unusable, as in the kernel.
            pm.abort();
            model.rollback();
            recoverSpace(true);
        }
    }

    private void commit() throws IOException {
        committingOp = true;
        pm.commit();
        model.commit();
        commits++;
    }

    private long randomDevice() {
        List<Long> ids = new ArrayList<>(model.devices.keySet());
        return ids.get(rnd.nextInt(ids.size()));
    }

    private void createThin() throws IOException {
        long dev = nextDevId++;
        pm.createThin(dev);
        model.createThin(dev);
    }

    private void snapshot() throws IOException {
        long origin = randomDevice();
        long dev = nextDevId++;
        pm.createSnapshot(dev, origin);
        model.snapshot(dev, origin);
    }

    private void deleteRandom() throws IOException {
        long dev = randomDevice();
        pm.deleteDevice(dev);
        model.delete(dev);
    }

    private void mapRun() throws IOException {
        long dev = randomDevice();
        long start = (long) (rnd.nextDouble() * virtualBlocks);
        int len = 1 + rnd.nextInt(64);
        for (long vb = start; vb < start + len; vb++) {
            writeBlock(dev, vb);
        }
    }

    /** A write to one virtual block, as the pool does it: provision, break sharing, or write in place. */
    private void writeBlock(long dev, long vb) throws IOException {
        BlockTime bt = pm.lookup(dev, vb);
        checkLookup(dev, vb, bt);
        if (bt != null && !pm.isShared(dev, bt)) {
            return;
        }
        long data = pm.allocateDataBlock();
        pm.insert(dev, vb, data);
        model.map(dev, vb, data);
    }

    private void overwriteShared() throws IOException {
        long dev = randomDevice();
        TreeMap<Long, Long> m = model.devices.get(dev);
        if (m.isEmpty()) {
            mapRun();
            return;
        }
        Long from = m.ceilingKey((long) (rnd.nextDouble() * virtualBlocks));
        if (from == null) {
            from = m.firstKey();
        }
        int n = 1 + rnd.nextInt(32);
        List<Long> keys = new ArrayList<>(m.tailMap(from).keySet()).subList(0, Math.min(n, m.tailMap(from).size()));
        for (long vb : keys) {
            BlockTime bt = pm.lookup(dev, vb);
            checkLookup(dev, vb, bt);
            long data = pm.allocateDataBlock();
            pm.insert(dev, vb, data);
            model.map(dev, vb, data);
        }
    }

    private void unmapRun() throws IOException {
        long dev = randomDevice();
        long start = (long) (rnd.nextDouble() * virtualBlocks);
        long end = start + 1 + rnd.nextInt(128);
        pm.removeRange(dev, start, end);
        for (Long k : new ArrayList<>(model.devices.get(dev).subMap(start, end).keySet())) {
            model.unmap(dev, k);
        }
    }

    private void lookups() throws IOException {
        for (int i = 0; i < 16; i++) {
            long dev = randomDevice();
            TreeMap<Long, Long> m = model.devices.get(dev);
            long vb;
            if (!m.isEmpty() && rnd.nextBoolean()) {
                Long k = m.ceilingKey((long) (rnd.nextDouble() * virtualBlocks));
                vb = k == null ? m.firstKey() : k;
            } else {
                vb = (long) (rnd.nextDouble() * virtualBlocks);
            }
            checkLookup(dev, vb, pm.lookup(dev, vb));
        }
    }

    private void checkLookup(long dev, long vb, BlockTime bt) {
        Long want = model.devices.get(dev).get(vb);
        long got = bt == null ? -1 : bt.block();
        if ((want == null ? -1 : want) != got) {
            problem("device " + dev + " block " + vb + ": mapped to " + got + ", model says "
                    + (want == null ? "unmapped" : want));
        }
    }

    private void toggleMetadataSnap() throws IOException {
        if (model.metadataSnapHeld) {
            pm.releaseMetadataSnap();
            model.setSnapHeld(false);
        } else {
            committingOp = true;
            pm.reserveMetadataSnap();
            model.commit();
            commits++;
            model.setSnapHeld(true);
        }
    }

    // ------------------------------------------------------------------ space

    private void ensureSpace() throws IOException {
        PoolStats st = pm.stats();
        long dataFree = st.dataBlocks() - st.dataUsed();
        long mdFree = st.metadataBlocks() - st.metadataUsed();
        if (dataFree < 256 || mdFree < Math.max(64, st.metadataBlocks() / 8)) {
            recoverSpace(false);
        }
    }

    /** Frees space as a user would: drop the metadata snapshot, delete devices, unmap, then commit. */
    private void recoverSpace(boolean hard) throws IOException {
        recoveries++;
        committingOp = true;
        if (model.metadataSnapHeld) {
            pm.releaseMetadataSnap();
            model.setSnapHeld(false);
        }
        int deletions = Math.max(1, model.devices.size() / (hard ? 2 : 3));
        for (int i = 0; i < deletions && !model.devices.isEmpty(); i++) {
            long dev = randomDevice();
            pm.deleteDevice(dev);
            model.delete(dev);
        }
        commit();
    }

    // ------------------------------------------------------------------ crashes and verification

    /**
     * Power cut (between operations, or inside one): drops what was not flushed, reopens, and compares with the
     * model at the last commit, or, when the running operation commits and its commit was durable, its new state.
     */
    private void crash(boolean inside) throws IOException {
        crashes++;
        pm.close();
        power.crash(opt.crashMode(), rnd);
        MetadataModel after = inside && committingOp ? model.copy() : null;
        model.rollback();
        pm = PoolMetadata.open(powered, PoolMetadata.DEFAULT_CACHE_BYTES, false);
        String when = "after crash " + crashes + (inside ? " inside an operation" : "");
        List<String> d = differences(when);
        if (!d.isEmpty() && after != null) {
            MetadataModel before = model.copy();
            model.become(after);
            List<String> asNew = differences(when);
            if (asNew.isEmpty()) {
                d = asNew;
            } else {
                model.become(before);
            }
        }
        for (String p : d) {
            problem(p);
        }
        model.commit();
    }

    private void verifyAll(String when) throws IOException {
        for (String p : differences(when)) {
            problem(p);
        }
    }

    private List<String> differences(String when) throws IOException {
        List<String> out = new ArrayList<>();
        List<Long> devs = pm.devices();
        if (!devs.equals(new ArrayList<>(model.devices.keySet()))) {
            out.add(when + ": devices " + devs + ", model has " + model.devices.keySet());
        }
        PoolStats st = pm.stats();
        if (st.transactionId() != model.transactionId) {
            out.add(when + ": transaction id " + st.transactionId() + ", model has " + model.transactionId);
        }
        if ((st.heldRoot() != 0) != model.metadataSnapHeld) {
            out.add(when + ": metadata snapshot held=" + (st.heldRoot() != 0) + ", model says "
                    + model.metadataSnapHeld);
        }
        for (Map.Entry<Long, TreeMap<Long, Long>> e : model.devices.entrySet()) {
            long dev = e.getKey();
            if (!devs.contains(dev)) {
                continue;
            }
            TreeMap<Long, Long> got = new TreeMap<>();
            pm.forEachMapping(dev, 0, -1L, (vb, bt) -> {
                got.put(vb, BlockTime.blockOf(bt));
                return true;
            });
            if (!got.equals(e.getValue())) {
                out.add(when + ": device " + dev + " has " + got.size() + " mappings differing from the model's "
                        + e.getValue().size());
            }
            long mapped = pm.details(dev).mappedBlocks();
            if (mapped != got.size()) {
                out.add(when + ": device " + dev + " mapped_blocks " + mapped + " but " + got.size() + " mappings");
            }
        }
        if (!model.metadataSnapHeld) {
            long distinct = model.distinctDataBlocks().size();
            if (st.dataUsed() != distinct) {
                out.add(when + ": " + st.dataUsed() + " data blocks in use, but " + distinct + " are mapped");
            }
        }
        return out;
    }

}
