package org.jlvm.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Flushes share commits: N flushes that arrive while one commit runs cost one more commit, not N. */
class GroupCommitTest {
    private static final int FLUSHES = 32;

    @Test
    void concurrentFlushesShareOneCommit() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        GroupCommit g = new GroupCommit(() -> {
            if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(release);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(FLUSHES + 1);
        try {
            Future<?> first = pool.submit(() -> {
                g.flush();
                return null;
            });
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            List<Future<?>> rest = new ArrayList<>();
            for (int i = 0; i < FLUSHES; i++) {
                rest.add(pool.submit(() -> {
                    g.flush();
                    return null;
                }));
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (g.waiting() < FLUSHES && System.currentTimeMillis() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(FLUSHES, g.waiting(), "every flush waits behind the running commit");
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : rest) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // the running commit may have missed their writes: one more commit serves all 32 of them
        assertEquals(2, g.commits());
        assertEquals(2, runs.get());
    }

    @Test
    void aFlushAloneCommitsEachTime() throws IOException {
        AtomicInteger runs = new AtomicInteger();
        GroupCommit g = new GroupCommit(runs::incrementAndGet);
        g.flush();
        g.flush();
        assertEquals(2, runs.get());
        assertEquals(2, g.commits());
    }

    @Test
    void aFailedCommitFailsTheFlushesItServed() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        GroupCommit g = new GroupCommit(() -> {
            int n = runs.incrementAndGet();
            if (n == 1) {
                firstStarted.countDown();
                await(release);
                return;
            }
            throw new IOException("data device failed a flush");
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> first = pool.submit(() -> {
                g.flush();
                return null;
            });
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(pool.submit(() -> {
                    g.flush();
                    return null;
                }));
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (g.waiting() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(1);
            }
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : waiting) {
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> f.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof IOException, e.toString());
                assertTrue(e.getCause().getMessage().contains("data device failed a flush"), e.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, runs.get());
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
