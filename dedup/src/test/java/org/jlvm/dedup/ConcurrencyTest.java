package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final int B = 4096;
    private static final int THREADS = 8;

    @Test
    void identicalConcurrentWritesStoreOneCopy() throws Exception {
        long seed = 31;
        System.out.println("ConcurrencyTest seed=" + seed);
        Random r = new Random(seed);
        MemoryBlockDevice backing = new MemoryBlockDevice(8L << 20);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (DedupDevice dev = DedupDevice.format(backing, DedupOptions.ofLogicalSize(64L << 20).withIndexSlots(8192))) {
            for (int round = 0; round < 20; round++) {
                byte[] same = DedupDeviceTest.randomBlock(r);
                byte[] text = DedupDeviceTest.textBlock(r);
                CyclicBarrier go = new CyclicBarrier(THREADS);
                List<Future<?>> fs = new ArrayList<>();
                final int base = round * THREADS * 2;
                for (int t = 0; t < THREADS; t++) {
                    final int id = t;
                    fs.add(pool.submit(() -> {
                        go.await();
                        dev.write((long) (base + id) * B, same);
                        dev.write((long) (base + THREADS + id) * B, text);
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                DedupStatistics s = dev.statistics();
                assertEquals(round + 1, s.rawBlocksWritten(), "one stored copy per identical raw content");
                assertEquals(round + 1, s.compressedFragmentsWritten(), "one fragment per identical text");
                for (int t = 0; t < THREADS; t++) {
                    assertArrayEquals(same, dev.read((long) (base + t) * B, B));
                    assertArrayEquals(text, dev.read((long) (base + THREADS + t) * B, B));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyWritersWithFlushesMatchTheModel() throws Exception {
        long seed = 32;
        System.out.println("ConcurrencyTest seed=" + seed);
        int perThread = 256;
        MemoryBlockDevice backing = new MemoryBlockDevice(16L << 20);
        byte[][] shared = new byte[16][];
        Random r0 = new Random(seed);
        for (int i = 0; i < shared.length; i++) {
            shared[i] = i % 2 == 0 ? DedupDeviceTest.randomBlock(r0) : DedupDeviceTest.textBlock(r0);
        }
        byte[][][] model = new byte[THREADS][perThread][];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (DedupDevice dev = DedupDevice.format(backing,
                DedupOptions.ofLogicalSize((long) THREADS * perThread * B).withIndexSlots(8192))) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int id = t;
                fs.add(pool.submit(() -> {
                    Random r = new Random(seed * 100 + id);
                    for (int op = 0; op < 1500; op++) {
                        int i = r.nextInt(perThread);
                        long off = ((long) id * perThread + i) * B;
                        int d = r.nextInt(20);
                        if (d < 10) {
                            byte[] b = d < 6 ? shared[r.nextInt(shared.length)] : d < 8 ? new byte[B]
                                    : DedupDeviceTest.textBlock(r);
                            dev.write(off, b);
                            model[id][i] = b;
                        } else if (d < 11) {
                            dev.discard(off, B);
                            model[id][i] = null;
                        } else if (d < 12) {
                            dev.flush();
                        } else {
                            byte[] want = model[id][i] == null ? new byte[B] : model[id][i];
                            assertArrayEquals(want, dev.read(off, B));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            dev.flush();
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < perThread; i++) {
                    byte[] want = model[t][i] == null ? new byte[B] : model[t][i];
                    assertArrayEquals(want, dev.read(((long) t * perThread + i) * B, B), "thread " + t + " block " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        try (DedupDevice dev = DedupDevice.open(backing, DedupOptions.forOpen())) {
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < perThread; i++) {
                    byte[] want = model[t][i] == null ? new byte[B] : model[t][i];
                    assertArrayEquals(want, dev.read(((long) t * perThread + i) * B, B));
                }
            }
        }
    }

    @Test
    void concurrentPartialWritesToOneBlockKeepEverySector() throws Exception {
        MemoryBlockDevice backing = new MemoryBlockDevice(4L << 20);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (DedupDevice dev = DedupDevice.format(backing, DedupOptions.ofLogicalSize(4L << 20).withIndexSlots(1024))) {
            for (int round = 0; round < 50; round++) {
                final int r = round;
                CyclicBarrier go = new CyclicBarrier(THREADS);
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    final int id = t;
                    fs.add(pool.submit(() -> {
                        byte[] sector = new byte[512];
                        java.util.Arrays.fill(sector, (byte) (r * THREADS + id + 1));
                        go.await();
                        dev.write((long) r * B + id * 512L, sector);
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                byte[] got = dev.read((long) r * B, B);
                for (int t = 0; t < THREADS; t++) {
                    for (int i = 0; i < 512; i++) {
                        assertEquals((byte) (r * THREADS + t + 1), got[t * 512 + i], "round " + r + " sector " + t);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
