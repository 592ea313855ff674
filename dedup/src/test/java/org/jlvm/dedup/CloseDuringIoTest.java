package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/**
 * close() while other threads read and write: it waits for the I/O in flight, later calls fail with "closed",
 * and every write that returned before close is durable.
 */
class CloseDuringIoTest {
    private static final int B = 4096;
    private static final int THREADS = 4;
    private static final int PER_THREAD = 64;

    @Test
    void closeWaitsForInFlightIoAndKeepsEveryAcknowledgedWrite() throws Exception {
        long seed = 101;
        System.out.println("CloseDuringIoTest seed=" + seed);
        MemoryBlockDevice backing = new MemoryBlockDevice(16L << 20);
        long[][] last = new long[THREADS][PER_THREAD];
        DedupDevice dev = DedupDevice.format(backing,
                DedupOptions.ofLogicalSize((long) THREADS * PER_THREAD * B).withIndexSlots(4096));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch started = new CountDownLatch(THREADS);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final int id = t;
            fs.add(pool.submit(() -> {
                Random r = new Random(seed * 10 + id);
                int ops = 0;
                started.countDown();
                while (true) {
                    int i = r.nextInt(PER_THREAD);
                    long off = ((long) id * PER_THREAD + i) * B;
                    long key = 1 + r.nextInt(1 << 20);
                    try {
                        if (r.nextBoolean()) {
                            dev.write(off, content(key));
                            last[id][i] = key;
                        } else {
                            assertArrayEquals(content(last[id][i]), dev.read(off, B));
                        }
                    } catch (IOException e) {
                        assertTrue(e.getMessage().contains("closed"), "unexpected failure: " + e);
                        return ops;
                    }
                    ops++;
                }
            }));
        }
        started.await();
        Thread.sleep(100);
        dev.close();
        int total = 0;
        for (Future<Integer> f : fs) {
            total += f.get();
        }
        pool.shutdownNow();
        assertTrue(total > 0);
        try (DedupDevice again = DedupDevice.open(backing, DedupOptions.forOpen())) {
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < PER_THREAD; i++) {
                    assertArrayEquals(content(last[t][i]), again.read(((long) t * PER_THREAD + i) * B, B),
                            "thread " + t + " block " + i);
                }
            }
        }
    }

    private static byte[] content(long key) {
        byte[] b = new byte[B];
        if (key == 0) {
            return b;
        }
        Random r = new Random(key);
        if (key % 2 == 0) {
            r.nextBytes(b);
        } else {
            for (int i = 0; i < B; i++) {
                b[i] = (byte) ('a' + r.nextInt(5));
            }
        }
        return b;
    }
}
