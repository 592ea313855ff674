package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/**
 * Many writers on one volume (neighbouring regions share data blocks, so provisioning and copy-on-write of the
 * same block race), snapshots taken while they write, a second volume written at the same time; final content
 * is compared with what each writer wrote last, and every snapshot must hold each write wholly or not at all.
 */
class ThinPoolConcurrencyTest {
    static final int SECTORS = 16;
    static final int B = SECTORS * 512;
    static final int THREADS = 6;
    static final int REGION = 3 * B + 1000;
    static final int WRITES = 120;

    @Test
    void concurrentWritersAndSnapshotsMatchTheModel() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ThinPoolConcurrencyTest seed " + seed);
        MemoryBlockDevice meta = new MemoryBlockDevice(8L << 20);
        MemoryBlockDevice data = new MemoryBlockDevice(1024L * B);
        ThinPool pool = ThinPool.format(meta, data, SECTORS, ThinPoolConfig.defaults()
                .withCommitInterval(Duration.ofMillis(20)));
        pool.createThin(1);
        pool.createThin(2);
        long size = (long) THREADS * REGION + 3 * B;
        ThinVolume v = pool.volume(1, size);
        ThinVolume w = pool.volume(2, size);
        AtomicIntegerArray last = new AtomicIntegerArray(THREADS);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicIntegerArray count = new AtomicIntegerArray(THREADS);
        ExecutorService ex = Executors.newFixedThreadPool(THREADS + 1);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            fs.add(ex.submit(() -> {
                Random r = new Random(seed + id);
                byte[] buf = new byte[REGION];
                for (int s = 1; s <= WRITES || !stop.get(); s++) {
                    fill(buf, s);
                    v.write(offset(id), buf);
                    last.set(id, s);
                    count.incrementAndGet(id);
                    if (r.nextInt(8) == 0) {
                        v.flush();
                    }
                }
                return null;
            }));
        }
        fs.add(ex.submit(() -> {
            Random r = new Random(seed);
            byte[] buf = new byte[B + 77];
            for (int i = 0; i < 300; i++) {
                r.nextBytes(buf);
                w.write(r.nextInt((int) (size - buf.length)), buf);
            }
            return null;
        }));
        List<Long> snaps = new ArrayList<>();
        List<Future<Integer>> readers = new ArrayList<>();
        ExecutorService rex = Executors.newFixedThreadPool(2);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (int i = 0; i < 4; i++) {
            // Snapshot while writer 0 is writing: it makes at least 10 writes before each snapshot and after the last.
            int target = count.get(0) + 10;
            while (count.get(0) < target) {
                Thread.onSpinWait();
            }
            long id = 10 + i;
            pool.createSnapshot(id, 1);
            snaps.add(id);
            if (i < 2) {
                ThinVolume sv = pool.volume(id, size);
                readers.add(rex.submit(() -> {
                    // A snapshot never changes while its origin is overwritten (copy-on-write races).
                    byte[] first = sv.read(0, (int) size);
                    int n = 0;
                    while (writing.get()) {
                        byte[] again = sv.read(0, (int) size);
                        if (!Arrays.equals(first, again)) {
                            throw new AssertionError("snapshot " + id + " changed under its origin's writes");
                        }
                        n++;
                    }
                    return n;
                }));
            }
        }
        int target = count.get(0) + 10;
        while (count.get(0) < target) {
            Thread.onSpinWait();
        }
        stop.set(true);
        for (Future<?> f : fs) {
            f.get();
        }
        writing.set(false);
        for (Future<Integer> r : readers) {
            r.get();
        }
        ex.shutdown();
        rex.shutdown();
        for (int t = 0; t < THREADS; t++) {
            byte[] got = v.read(offset(t), REGION);
            byte[] want = new byte[REGION];
            fill(want, last.get(t));
            assertTrue(count.get(t) >= WRITES);
            assertTrue(Arrays.equals(want, got), "writer " + t + " region holds its last write");
        }
        for (long s : snaps) {
            int v0 = java.nio.ByteBuffer.wrap(pool.volume(s, size).read(offset(0), 4)).getInt();
            assertTrue(v0 != 0 && v0 != last.get(0), "snapshot " + s + " was taken while writer 0 was writing");
        }
        for (long s : snaps) {
            ThinVolume sv = pool.volume(s, size);
            for (int t = 0; t < THREADS; t++) {
                byte[] got = sv.read(offset(t), REGION);
                byte[] whole = new byte[REGION];
                fill(whole, java.nio.ByteBuffer.wrap(got).getInt());
                assertTrue(Arrays.equals(whole, got), "snapshot " + s + " holds writer " + t
                        + "'s writes wholly or not at all");
            }
        }
        pool.close();
        ThinPool again = ThinPool.open(meta, data, SECTORS, ThinPoolConfig.defaults());
        byte[] got = again.volume(1, size).read(offset(2), REGION);
        byte[] want = new byte[REGION];
        fill(want, last.get(2));
        assertTrue(Arrays.equals(want, got), "close commits everything");
        again.close();
    }

    /** The write number, as a big-endian int repeated (REGION is a multiple of 4). */
    static void fill(byte[] b, int stamp) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
        while (bb.hasRemaining()) {
            bb.putInt(stamp);
        }
    }

    static long offset(int t) {
        return 1000L + (long) t * REGION;
    }
}
