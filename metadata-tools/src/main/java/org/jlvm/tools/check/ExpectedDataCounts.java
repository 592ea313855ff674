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
    /** Bytes of leaf values per batch (8 per mapping). */
    private static final int BATCH = 16384 * 8;
    private static final byte[] END = new byte[0];
    private static final java.lang.invoke.VarHandle LE64 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final byte[] counts;
    private final LongIntMap overflow = new LongIntMap();
    private final BlockingQueue<byte[]> full;
    private final BlockingQueue<byte[]> free;
    private final Thread counter;
    private byte[] batch;
    private int n;
    private boolean finished;
    /** Mappings to blocks beyond the data device, and the first of them in walk order. */
    private long beyond;
    private long firstBeyond;

    ExpectedDataCounts(int nrData, boolean concurrent) {
        counts = new byte[nrData];
        if (concurrent) {
            full = new ArrayBlockingQueue<>(5);
            free = new ArrayBlockingQueue<>(6);
            for (int i = 0; i < 4; i++) {
                free.add(new byte[BATCH]);
            }
            batch = new byte[BATCH];
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

    /** Counts the data blocks the mapping leaf {@code n} refers to (its values' bytes travel as they are). */
    void leaf(Node n) {
        int nr = n.nr();
        byte[] d = n.data();
        int off = n.valueOffset(0);
        if (counter == null) {
            count(d, off, off + 8 * nr);
            return;
        }
        int len = 8 * nr;
        while (len > 0) {
            if (this.n == BATCH) {
                handOff();
            }
            int k = Math.min(len, BATCH - this.n);
            System.arraycopy(d, off, batch, this.n, k);
            this.n += k;
            off += k;
            len -= k;
        }
    }

    private void count(byte[] values, int from, int to) {
        for (int i = from; i < to; i += 8) {
            long d = (long) LE64.get(values, i) >>> 24;
            if (d >= counts.length) {
                if (beyond++ == 0) {
                    firstBeyond = d; // not a count the space map could hold
                }
                continue;
            }
            int c = counts[(int) d] & 0xFF;
            if (c < 255) {
                counts[(int) d] = (byte) (c + 1);
            } else {
                overflow.put(d, overflow.get(d, 255) + 1);
            }
        }
    }

    private void handOff() {
        try {
            byte[] b = batch;
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
                byte[] b = full.take();
                if (b == END) {
                    return;
                }
                count(b, 0, b.length);
                if (b.length == BATCH) {
                    free.add(b);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until everything handed over is counted; call before {@link #get}, {@link #beyond()}. */
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

    /** Stops the counting thread of an abandoned check (it only counts in memory: waking it is safe). */
    void abandon() {
        if (counter == null) {
            return;
        }
        finished = true;
        counter.interrupt();
        try {
            counter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many mappings point beyond the data device (after {@link #finish()}). */
    long beyond() {
        return beyond;
    }

    /** The first of them in walk order. */
    long firstBeyond() {
        return firstBeyond;
    }

    /** Bitmap entries by count: 0 free, 2 one reference, 1 two; 3 or more never match a group (see below). */
    private static final int[] ENTRY = new int[256];

    static {
        java.util.Arrays.fill(ENTRY, 0x10000);
        ENTRY[0] = 0;
        ENTRY[1] = 2;
        ENTRY[2] = 1;
    }

    /**
     * The space-map bitmap byte that holds the expected counts of blocks {@code d..d+3} (after {@link #finish()}),
     * or a value above 255 when one of them is 3 or more (those are compared one by one).
     */
    int bitmapByte(long d) {
        int i = (int) d;
        return ENTRY[counts[i] & 0xFF] | ENTRY[counts[i + 1] & 0xFF] << 2 | ENTRY[counts[i + 2] & 0xFF] << 4
                | ENTRY[counts[i + 3] & 0xFF] << 6;
    }

    /** The expected count of data block {@code d} (after {@link #finish()}). */
    long get(long d) {
        int c = counts[(int) d] & 0xFF;
        return c < 255 ? c : overflow.get(d, 255);
    }
}
