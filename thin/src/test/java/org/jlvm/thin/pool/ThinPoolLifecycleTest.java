package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot/delete while writes wait for space, close during I/O, interrupts during I/O, two opens of one device. */
class ThinPoolLifecycleTest {
    static final int SECTORS = 8;
    static final int B = 4096;
    static final ThinPoolConfig QUEUE = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO)
            .withNoSpace(NoSpacePolicy.QUEUE, Duration.ofSeconds(30));

    @TempDir
    Path dir;

    @Test
    void snapshotAndDeleteDoNotWaitBehindAWriteWaitingForSpace() throws Exception {
        MemoryBlockDevice meta = new MemoryBlockDevice(1L << 20);
        MemoryBlockDevice data = new MemoryBlockDevice(16L * B);
        try (ThinPool pool = ThinPool.format(meta, data, SECTORS, QUEUE)) {
            pool.createThin(1);
            ThinVolume v = pool.volume(1, 64L * B);
            for (int i = 0; i < 16; i++) {
                v.write((long) i * B, new byte[] {(byte) (i + 1)});
            }
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> write(v, 40L * B, 7));
            awaitMode(pool, PoolMode.OUT_OF_DATA_SPACE);
            long t0 = System.nanoTime();
            pool.createSnapshot(2, 1);
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "snapshot waited behind the queued write");
            assertTrue(!waiting.isDone(), "the write still waits for space");
            data.grow(32L * B);
            pool.resizeData(32);
            waiting.get(10, TimeUnit.SECONDS);
            assertEquals(7, v.read(40L * B, 1)[0]);
            assertEquals(0, pool.volume(2, 64L * B).read(40L * B, 1)[0], "the snapshot predates the write");
            // Fill again; delete the device a write is waiting on: the delete goes through, the write fails.
            for (long vb = 41; vb < 64 && pool.status().freeDataBlocks() > 0; vb++) {
                v.write(vb * B, new byte[] {1});
            }
            CompletableFuture<Void> doomed = CompletableFuture.runAsync(() -> write(v, 0, 9));
            ThinVolume snap = pool.volume(2, 64L * B);
            CompletableFuture<Void> doomed2 = CompletableFuture.runAsync(() -> write(snap, 3L * B, 9));
            awaitMode(pool, PoolMode.OUT_OF_DATA_SPACE);
            t0 = System.nanoTime();
            pool.deleteDevice(1);
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "delete waited behind the queued write");
            ExecutionException e = assertThrows(ExecutionException.class, () -> doomed.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("deleted"), e.getCause().toString());
            doomed2.get(10, TimeUnit.SECONDS); // the delete freed space for the snapshot's write
            assertEquals(9, snap.read(3L * B, 1)[0]);
        }
    }

    private static void write(ThinVolume v, long off, int value) {
        try {
            v.write(off, new byte[] {(byte) value});
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitMode(ThinPool pool, PoolMode m) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pool.mode() != m && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(m, pool.mode());
        Thread.sleep(50);
    }

    @Test
    void closeWaitsForInFlightWritesAndEverythingAcknowledgedSurvives() throws Exception {
        Path mf = dir.resolve("meta");
        Path df = dir.resolve("data");
        int threads = 4;
        long[] lastAcked = new long[threads];
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        try (FileBlockDevice meta = FileBlockDevice.create(mf, 4L << 20);
             FileBlockDevice data = FileBlockDevice.create(df, 4096L * B)) {
            ThinPool pool = ThinPool.format(meta, data, SECTORS, QUEUE.withCommitInterval(Duration.ofMillis(20)));
            pool.createThin(1);
            ThinVolume v = pool.volume(1, 4096L * B);
            List<Thread> ws = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    byte[] buf = new byte[B];
                    for (long i = 1; ; i++) {
                        java.nio.ByteBuffer.wrap(buf).putLong(0, i);
                        try {
                            v.write((id * 1000L + i % 1000) * B, buf);
                        } catch (IOException e) {
                            if (!e.getMessage().contains("closed")) {
                                unexpected.compareAndSet(null, e);
                            }
                            return;
                        }
                        lastAcked[id] = i;
                    }
                });
                ws.add(th);
                th.start();
            }
            Thread.sleep(300);
            pool.close();
            for (Thread th : ws) {
                th.join(10_000);
            }
            assertEquals(null, unexpected.get());
            assertThrows(IOException.class, () -> v.write(0, new byte[1]), "closed");
        }
        try (FileBlockDevice meta = FileBlockDevice.open(mf, false); FileBlockDevice data = FileBlockDevice.open(df, false);
             ThinPool pool = ThinPool.open(meta, data, SECTORS, QUEUE)) {
            ThinVolume v = pool.volume(1, 4096L * B);
            for (int t = 0; t < threads; t++) {
                long i = lastAcked[t];
                assertTrue(i > 0, "thread " + t + " wrote");
                byte[] got = v.read((t * 1000L + i % 1000) * B, 8);
                assertEquals(i, java.nio.ByteBuffer.wrap(got).getLong(), "thread " + t + "'s last acknowledged write");
            }
        }
    }

    @Test
    void interruptedWritersDoNotBreakThePoolForOthers() throws Exception {
        try (FileBlockDevice meta = FileBlockDevice.create(dir.resolve("meta"), 4L << 20);
             FileBlockDevice data = FileBlockDevice.create(dir.resolve("data"), 2048L * B);
             ThinPool pool = ThinPool.format(meta, data, SECTORS, QUEUE.withCommitInterval(Duration.ofMillis(5)))) {
            pool.createThin(1);
            ThinVolume v = pool.volume(1, 2048L * B);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong ios = new AtomicLong();
            long stopAt = System.nanoTime() + 1_000_000_000L;
            Runnable loop = () -> {
                byte[] buf = new byte[B];
                for (int i = 0; System.nanoTime() < stopAt; i++) {
                    try {
                        buf[0] = (byte) i;
                        long off = (long) (i % 2048) * B;
                        v.write(off, buf);
                        if (i % 64 == 0) {
                            v.flush();
                        }
                        assertArrayEquals(buf, v.read(off, B));
                        ios.incrementAndGet();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                        return;
                    }
                    Thread.interrupted();
                }
            };
            Thread victim = new Thread(loop);
            Thread other = new Thread(loop);
            victim.start();
            other.start();
            while (victim.isAlive()) {
                victim.interrupt();
                Thread.sleep(0, 300_000);
            }
            other.join();
            assertEquals(null, failure.get());
            assertTrue(ios.get() > 100, "ios " + ios);
            assertEquals(PoolMode.READ_WRITE, pool.mode());
            v.flush();
        }
    }

    @Test
    void secondOpenOfAPoolsMetadataFileFails() throws Exception {
        Path mf = dir.resolve("meta");
        try (FileBlockDevice meta = FileBlockDevice.create(mf, 4L << 20);
             FileBlockDevice data = FileBlockDevice.create(dir.resolve("data"), 64L * B);
             ThinPool pool = ThinPool.format(meta, data, SECTORS, QUEUE)) {
            IOException e = assertThrows(IOException.class, () -> FileBlockDevice.open(mf, false));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            pool.createThin(1);
        }
    }
}
