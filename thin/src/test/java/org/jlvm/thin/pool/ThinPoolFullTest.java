package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.error.ReadOnlyException;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-full (queue, timeout, error), low water, and metadata-full behaviour. */
class ThinPoolFullTest {
    static final int SECTORS = 8;
    static final int B = 4096;
    static final ThinPoolConfig CFG = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO);

    final MemoryBlockDevice meta = new MemoryBlockDevice(1L << 20);
    final MemoryBlockDevice data = new MemoryBlockDevice(16L * B);
    ThinPool pool;

    @TempDir
    Path tmp;

    @AfterEach
    void close() throws IOException {
        if (pool != null) {
            pool.close();
        }
    }

    ThinVolume fill(ThinPoolConfig cfg) throws IOException {
        pool = ThinPool.format(meta, data, SECTORS, cfg);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 64L * B);
        for (int i = 0; i < 16; i++) {
            v.write((long) i * B, new byte[] {(byte) (i + 1)});
        }
        return v;
    }

    @Test
    void errorModeFailsAtOnceButReadsAndOverwritesWork() throws IOException {
        ThinVolume v = fill(CFG.withNoSpace(NoSpacePolicy.ERROR, Duration.ofSeconds(60)));
        long t0 = System.nanoTime();
        assertThrows(NoSpaceException.class, () -> v.write(20L * B, new byte[] {1}));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
        assertEquals(PoolMode.OUT_OF_DATA_SPACE, pool.status().mode());
        v.write(3L * B + 10, new byte[] {42});
        assertEquals(42, v.read(3L * B + 10, 1)[0]);
        assertEquals(4, v.read(3L * B, 1)[0]);
        assertArrayEquals(new byte[10], v.read(20L * B, 10));
    }

    @Test
    void queueModeTimesOutThenFailsAtOnceUntilSpaceIsAdded() throws IOException {
        ThinVolume v = fill(CFG.withNoSpace(NoSpacePolicy.QUEUE, Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        assertThrows(NoSpaceException.class, () -> v.write(20L * B, new byte[] {1}));
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 250_000_000L && waited < 5_000_000_000L, "waited " + waited / 1_000_000 + " ms");
        long t1 = System.nanoTime();
        assertThrows(NoSpaceException.class, () -> v.write(21L * B, new byte[] {1}));
        assertTrue(System.nanoTime() - t1 < 250_000_000L, "after a timeout the pool errors at once");
        data.grow(20L * B);
        pool.resizeData(20);
        assertEquals(PoolMode.READ_WRITE, pool.status().mode());
        v.write(21L * B, new byte[] {7});
        assertEquals(7, v.read(21L * B, 1)[0]);
    }

    @Test
    void queuedWriteResumesWhenTheDataDeviceGrows() throws Exception {
        ThinVolume v = fill(CFG.withNoSpace(NoSpacePolicy.QUEUE, Duration.ofSeconds(60)));
        CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
            try {
                v.write(30L * B, new byte[] {9});
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pool.mode() != PoolMode.OUT_OF_DATA_SPACE && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(PoolMode.OUT_OF_DATA_SPACE, pool.mode());
        assertTrue(!w.isDone(), "the write is queued");
        data.grow(32L * B);
        pool.resizeData(32);
        w.get(10, TimeUnit.SECONDS);
        assertEquals(9, v.read(30L * B, 1)[0]);
    }

    @Test
    void queuedWriteResumesWhenADiscardFreesSpace() throws Exception {
        ThinVolume v = fill(CFG.withNoSpace(NoSpacePolicy.QUEUE, Duration.ofSeconds(60)));
        pool.createThin(2);
        ThinVolume other = pool.volume(2, 64L * B);
        CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
            try {
                other.write(0, new byte[] {5});
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pool.mode() != PoolMode.OUT_OF_DATA_SPACE && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        v.discard(0, 2L * B);
        v.flush();
        w.get(10, TimeUnit.SECONDS);
        assertEquals(5, other.read(0, 1)[0]);
        assertEquals(PoolMode.READ_WRITE, pool.mode());
    }

    @Test
    void lowWaterFiresOncePerCrossing() throws Exception {
        List<ThinPoolStatus> events = new CopyOnWriteArrayList<>();
        pool = ThinPool.format(meta, data, SECTORS, CFG.withLowWaterBlocks(4));
        pool.addLowWaterListener(events::add);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 64L * B);
        for (int i = 0; i < 14; i++) {
            v.write((long) i * B, new byte[] {1});
        }
        awaitEvents(events, 1);
        assertEquals(4, events.get(0).freeDataBlocks());
        v.discard(0, 8L * B);
        v.flush();
        v.write(40L * B, new byte[] {1});
        for (int i = 0; i < 8; i++) {
            v.write((long) (i + 20) * B, new byte[] {1});
        }
        awaitEvents(events, 2);
        Thread.sleep(100);
        assertEquals(2, events.size(), "one event per crossing: " + events);
    }

    private static void awaitEvents(List<ThinPoolStatus> events, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (events.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, events.size(), "events " + events);
    }

    @Test
    void metadataFullMakesThePoolReadOnlyWithNeedsCheckAndValidMetadata() throws Exception {
        MemoryBlockDevice smallMeta = new MemoryBlockDevice(64L * 4096);
        MemoryBlockDevice bigData = new MemoryBlockDevice(200_000L * B);
        pool = ThinPool.format(smallMeta, bigData, SECTORS, CFG);
        pool.createThin(1);
        ThinVolume v = pool.volume(1, 200_000L * B);
        IOException failure = null;
        long written = 0;
        byte[] one = {1};
        long lastFlushed = -1;
        long lastWritten = -1;
        for (long vb = 0; vb < 200_000 && failure == null; vb += 3) {
            try {
                v.write(vb * B, one);
                assertEquals(1, v.read(vb * B, 1)[0]);
                lastWritten = vb;
                written++;
                if (written % 500 == 0) {
                    v.flush();
                    lastFlushed = vb;
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        assertTrue(lastWritten > lastFlushed, "something was written after the last flush");
        assertInstanceOf(NoSpaceException.class, failure);
        assertTrue(failure.getMessage().contains("metadata"), failure.getMessage());
        ThinPoolStatus st = pool.status();
        assertEquals(PoolMode.READ_ONLY, st.mode());
        assertTrue(st.needsCheck());
        assertTrue(st.toString().contains(" ro ") && st.toString().endsWith("needs_check"), st.toString());
        assertThrows(ReadOnlyException.class, () -> v.write(199_999L * B, one));
        assertEquals(1, v.read(0, 1)[0], "reads keep working");
        assertEquals(0, v.read(lastWritten * B, 1)[0], "the aborted transaction's mappings are gone (cache too)");
        assertEquals(1, v.read(lastFlushed * B, 1)[0]);
        v.write(0, new byte[] {2});
        assertEquals(2, v.read(0, 1)[0], "overwrites of exclusive blocks keep working");
        IOException onClose = assertThrows(IOException.class, pool::close, "changes were dropped: close fails");
        assertTrue(onClose.getMessage().contains("lost changes"), onClose.getMessage());
        pool = null;
        if (ThinCheck.installed()) {
            ThinCheck.Result r = ThinCheck.run(smallMeta, tmp);
            assertEquals(0, r.exitCode(), r.output());
        }
        pool = ThinPool.open(smallMeta, bigData, SECTORS, CFG);
        assertEquals(PoolMode.READ_ONLY, pool.status().mode(), "needs_check opens read-only");
        assertEquals(2, pool.volume(1, 200_000L * B).read(0, 1)[0], "the committed mapping with its in-place overwrite");
        assertEquals(1, pool.volume(1, 200_000L * B).read(3L * B, 1)[0]);
    }
}
