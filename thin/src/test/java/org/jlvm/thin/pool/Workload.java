package org.jlvm.thin.pool;

import org.jlvm.thin.model.ContentModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jlvm.pool.testing.MemoryBlockDevice;

/**
 * A seeded random workload on a pool, mirrored in a {@link ContentModel}: writes (provisioning, overwrites and
 * copy-on-write), discards, write-zeroes, flushes, thin and snapshot creation, deletion and data resize. The
 * model is updated before each I/O so that a failing I/O's partial effect is among the accepted versions.
 */
final class Workload {
    static final int MAX_DEVICES = 5;
    final ThinPool pool;
    final ContentModel model;
    final Random rnd;
    final long volumeBlocks;
    final MemoryBlockDevice growableData;
    /** Grown by metadata resizes; null: none. */
    MemoryBlockDevice growableMeta;
    long nextDev = 1;
    /** The kind of the operation running now (for crash-coverage reporting). */
    String current = "";
    /** What ran, for debugging failures. */
    final StringBuilder trace = new StringBuilder();

    Workload(ThinPool pool, ContentModel model, Random rnd, long volumeBlocks, MemoryBlockDevice growableData) {
        this.pool = pool;
        this.model = model;
        this.rnd = rnd;
        this.volumeBlocks = volumeBlocks;
        this.growableData = growableData;
        for (long d : model.devices()) {
            nextDev = Math.max(nextDev, d + 1);
        }
    }

    long volumeBytes() {
        return volumeBlocks * model.blockBytes;
    }

    ThinVolume volume(long dev) throws IOException {
        return pool.volume(dev, volumeBytes());
    }

    private long randomDevice() {
        List<Long> ids = model.devices();
        return ids.get(rnd.nextInt(ids.size()));
    }

    void step() throws IOException {
        int B = model.blockBytes;
        int pick = rnd.nextInt(100);
        if (model.devices().isEmpty() || pick >= 92 && model.devices().size() < MAX_DEVICES) {
            current = "create";
            long dev = nextDev++;
            trace.append("create ").append(dev).append('\n');
            pool.createThin(dev);
            model.create(dev);
            model.flush();
        } else if (pick < 45) {
            long dev = randomDevice();
            int len = 1 + rnd.nextInt(2 * B);
            long off = rnd.nextInt(3) == 0 ? (long) rnd.nextInt((int) (volumeBlocks - 2)) * B
                    : (long) (rnd.nextDouble() * (volumeBytes() - len));
            byte[] d = new byte[len];
            rnd.nextBytes(d);
            boolean fresh = allZero(model.read(dev, off, 1));
            current = fresh ? "provision" : "overwrite/cow";
            model.write(dev, off, d);
            trace.append(current).append(' ').append(dev).append(' ').append(off / B).append('+').append(off % B)
                    .append(" len ").append(len).append('\n');
            volume(dev).write(off, d);
        } else if (pick < 55) {
            current = "discard";
            long dev = randomDevice();
            long off = (long) (rnd.nextDouble() * (volumeBytes() - 1));
            long len = 1 + (long) (rnd.nextDouble() * Math.min(4L * B, volumeBytes() - off - 1));
            model.zero(dev, off, len);
            trace.append("discard ").append(dev).append(' ').append(off).append(" len ").append(len).append('\n');
            volume(dev).discard(off, len);
        } else if (pick < 59) {
            current = "writeZeroes";
            long dev = randomDevice();
            long off = (long) (rnd.nextDouble() * (volumeBytes() - 1));
            long len = 1 + (long) (rnd.nextDouble() * Math.min(3L * B, volumeBytes() - off - 1));
            model.zero(dev, off, len);
            trace.append("zeroes ").append(dev).append(' ').append(off).append(" len ").append(len).append('\n');
            volume(dev).writeZeroes(off, len);
        } else if (pick < 68) {
            current = "flush";
            trace.append("flush\n");
            volume(randomDevice()).flush();
            model.flush();
        } else if (pick < 80) {
            if (model.devices().size() >= MAX_DEVICES) {
                delete();
                return;
            }
            current = "snapshot";
            long origin = randomDevice();
            long dev = nextDev++;
            trace.append("snapshot ").append(dev).append(" of ").append(origin).append('\n');
            pool.createSnapshot(dev, origin);
            model.snapshot(dev, origin);
            model.flush();
        } else if (pick < 86) {
            delete();
        } else if (pick < 92) {
            if (growableMeta != null && rnd.nextInt(3) == 0 && growableMeta.size() < (64L << 20)) {
                current = "resizeMetadata";
                trace.append("resize metadata\n");
                growableMeta.grow(growableMeta.size() + (256L << 10));
                pool.resizeMetadata();
                model.flush();
                return;
            }
            current = "resize";
            long blocks = pool.status().totalDataBlocks() + 1 + rnd.nextInt(20);
            if (growableData.size() < blocks * B) {
                growableData.grow(blocks * B);
            }
            trace.append("resize ").append(blocks).append('\n');
            pool.resizeData(blocks);
            model.flush();
        } else {
            current = "flush";
            pool.commit();
            model.flush();
        }
    }

    private void delete() throws IOException {
        current = "delete";
        long dev = randomDevice();
        trace.append("delete ").append(dev).append('\n');
        pool.deleteDevice(dev);
        model.delete(dev);
        model.flush();
    }

    /** Frees space when the pool gets close to full (deletes a device). */
    void keepSpace(long minFree) throws IOException {
        while (pool.status().freeDataBlocks() < minFree && model.devices().size() > 1) {
            delete();
        }
    }

    /** Differences between the pool's devices and the model (block versions since the flush accepted). */
    List<String> verify(boolean strict) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!pool.devices().equals(model.devices())) {
            problems.add("devices " + pool.devices() + " != model " + model.devices());
            return problems;
        }
        int B = model.blockBytes;
        for (long dev : model.devices()) {
            ThinVolume v = volume(dev);
            for (long vb = 0; vb < volumeBlocks; vb++) {
                byte[] got = v.read(vb * B, B);
                boolean ok = strict ? Arrays.equals(got, model.read(dev, vb * B, B)) : model.acceptable(dev, vb, got);
                if (ok && !strict) {
                    model.adopt(dev, vb, got);
                }
                if (!ok) {
                    problems.add("device " + dev + " block " + vb + " differs from the model (read zero: "
                            + allZero(got) + ", model zero: " + allZero(model.read(dev, vb * B, B)) + ", flushed zero: "
                            + allZero(model.flushedBlock(dev, vb)) + ", found at" + model.whereIs(dev, vb, got) + ")");
                }
            }
        }
        if (!strict) {
            model.flush();
        }
        return problems;
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
