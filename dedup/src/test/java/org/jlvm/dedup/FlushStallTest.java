package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.ForwardingBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** A flush with slow backing flushes (fsyncs) does not stop reads and writes while its I/O runs. */
class FlushStallTest {
    private static final int B = 4096;
    private static final long SLOW_FLUSH_MILLIS = 400;

    /** A device whose flush takes a while once armed, and says when one started. */
    private static final class SlowFlush extends ForwardingBlockDevice {
        volatile boolean slow;
        final CountDownLatch flushing = new CountDownLatch(1);

        SlowFlush(BlockDevice d) {
            super(d);
        }

        @Override
        public void flush() throws IOException {
            if (slow) {
                flushing.countDown();
                try {
                    Thread.sleep(SLOW_FLUSH_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            inner.flush();
        }
    }

    @Test
    void readsAndWritesGoOnWhileACommitFlushes() throws Exception {
        Random r = new Random(111);
        SlowFlush backing = new SlowFlush(new MemoryBlockDevice(8L << 20));
        try (DedupDevice dev = DedupDevice.format(backing,
                DedupOptions.ofLogicalSize(8L << 20).withIndexSlots(1024).withPackerMaxWaitMillis(0))) {
            byte[] a = DedupDeviceTest.randomBlock(r);
            byte[] t = DedupDeviceTest.textBlock(r);
            dev.write(0, a);
            dev.write(B, t);
            backing.slow = true;
            CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
                try {
                    dev.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(backing.flushing.await(10, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            assertArrayEquals(a, dev.read(0, B));
            assertArrayEquals(t, dev.read(B, B));
            byte[] c = DedupDeviceTest.randomBlock(r);
            dev.write(2L * B, c);
            long stalled = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(!flush.isDone(), "the commit is still flushing");
            assertTrue(stalled < SLOW_FLUSH_MILLIS / 2, "reads and writes waited " + stalled + " ms for the commit");
            flush.get(10, TimeUnit.SECONDS);
            backing.slow = false;
            assertArrayEquals(c, dev.read(2L * B, B));
        }
    }
}
