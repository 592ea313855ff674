package org.jlvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jlvm.pool.io.ForwardingBlockDevice;
import org.jlvm.thin.format.BlockTime;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** A commit's fsyncs do not stop lookups; changes wait until the commit is complete, then see it committed. */
class CommitConcurrencyTest {
    /** A metadata device whose flushes wait for the test while {@code hold} is set. */
    static final class SlowFlushDevice extends ForwardingBlockDevice {
        volatile boolean hold;
        final CountDownLatch flushing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        SlowFlushDevice() {
            super(new MemoryBlockDevice(4L << 20));
        }

        @Override
        public void flush() throws IOException {
            if (hold) {
                flushing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            inner.flush();
        }
    }

    @Test
    void lookupsGoOnDuringTheFsyncsAndChangesWait() throws Exception {
        SlowFlushDevice dev = new SlowFlushDevice();
        try (PoolMetadata md = PoolMetadata.format(dev, 128, 1000, 1 << 20)) {
            md.createThin(1);
            md.insert(1, 7, md.allocateDataBlock());
            md.commit();
            md.insert(1, 8, md.allocateDataBlock());
            dev.hold = true;
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    md.commit();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(dev.flushing.await(10, TimeUnit.SECONDS), "the commit reached its flush");
            // A lookup completes while the commit's flush is still waiting.
            CompletableFuture<BlockTime> lookup = CompletableFuture.supplyAsync(() -> {
                try {
                    return md.lookup(1, 8);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertNotNull(lookup.get(10, TimeUnit.SECONDS), "lookup during the commit's fsync");
            // A change waits for the commit to finish.
            CompletableFuture<Void> change = CompletableFuture.runAsync(() -> {
                try {
                    md.insert(1, 9, md.allocateDataBlock());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            assertFalse(change.isDone(), "a change must wait for the commit");
            assertFalse(commit.isDone());
            dev.hold = false;
            dev.release.countDown();
            commit.get(10, TimeUnit.SECONDS);
            change.get(10, TimeUnit.SECONDS);
            md.commit();
        }
        try (PoolMetadata again = PoolMetadata.open(dev, 1 << 20, false)) {
            assertNotNull(again.lookup(1, 7));
            assertNotNull(again.lookup(1, 8));
            assertNotNull(again.lookup(1, 9));
            assertEquals(3, again.details(1).mappedBlocks());
        }
    }
}
