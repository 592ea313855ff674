package org.jlvm.tools.check;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jlvm.pool.btree.Node;
import org.jlvm.pool.util.LongIntMap;

/**
 * The expected reference count of every data block (§4.1): a byte per block saturating at 255, the rest in an
 * overflow map. Leaves are counted on this thread, or with {@code concurrent} on a second one (their data
 * block numbers travel in batches through a small queue); {@link #finish()} waits until all is counted.
 */
final class ExpectedDataCounts {
    private static final int BATCH = 16384;
    private static final long[] END = new long[0];

    private final byte[] counts;
    private final LongIntMap overflow = new LongIntMap();
    private final BlockingQueue<long[]> full;
    private final BlockingQueue<long[]> free;
    private final Thread counter;
    private long[] batch;
    private int n;
    private boolean finished;

    ExpectedDataCounts(int nrData, boolean concurrent) {
        counts = new byte[nrData];
        if (concurrent) {
            full = new ArrayBlockingQueue<>(5);
            free = new ArrayBlockingQueue<>(6);
            for (int i = 0; i < 4; i++) {
                free.add(new long[BATCH]);
            }
            batch = new long[BATCH];
            counter = new Thread(this::consume, "check-data-counts");
            counter.setDaemon(true);
            counter.start();
        } else {
            full = null;
            free = null;
            counter = null;
        }
    }

    int length() {
        return counts.length;
    }

    /** Counts the data blocks the mapping leaf {@code n} refers to. */
    void leaf(Node n) {
        int nr = n.nr();
        if (counter == null) {
            for (int i = 0; i < nr; i++) {
                inc(n.value64(i) >>> 24);
            }
            return;
        }
        for (int i = 0; i < nr; i++) {
            if (this.n == BATCH) {
                handOff();
            }
            batch[this.n++] = n.value64(i) >>> 24;
        }
    }

    private void inc(long d) {
        if (d >= counts.length) {
            return; // beyond the data device: not a count the space map could hold
        }
        int c = counts[(int) d] & 0xFF;
        if (c < 255) {
            counts[(int) d] = (byte) (c + 1);
        } else {
            overflow.put(d, overflow.get(d, 255) + 1);
        }
    }

    private void handOff() {
        try {
            long[] b = batch;
            if (n < BATCH) {
                b = java.util.Arrays.copyOf(batch, n);
            }
            full.put(b);
            batch = n < BATCH ? batch : free.take();
            n = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void consume() {
        try {
            while (true) {
                long[] b = full.take();
                if (b == END) {
                    return;
                }
                for (long d : b) {
                    inc(d);
                }
                if (b.length == BATCH) {
                    free.add(b);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until everything handed over is counted; call before {@link #get}. */
    void finish() {
        if (counter == null || finished) {
            return;
        }
        finished = true;
        if (n > 0) {
            handOff();
        }
        try {
            full.put(END);
            counter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The expected count of data block {@code d} (after {@link #finish()}). */
    long get(long d) {
        int c = counts[(int) d] & 0xFF;
        return c < 255 ? c : overflow.get(d, 255);
    }
}
