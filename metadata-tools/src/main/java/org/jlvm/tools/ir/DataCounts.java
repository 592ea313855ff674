package org.jlvm.tools.ir;

import org.jlvm.pool.util.LongIntMap;

/** Reference counts of data blocks: a byte per block (chunked, allocated on demand), exact counts ≥ 255 aside. */
public final class DataCounts {
    private static final int CHUNK_BITS = 24;
    private final byte[][] chunks;
    private final LongIntMap big = new LongIntMap();

    public DataCounts(long nrBlocks) {
        chunks = new byte[(int) ((nrBlocks + (1L << CHUNK_BITS) - 1) >>> CHUNK_BITS)][];
    }

    public void inc(long b) {
        int c = (int) (b >>> CHUNK_BITS);
        byte[] ch = chunks[c];
        if (ch == null) {
            ch = new byte[1 << CHUNK_BITS];
            chunks[c] = ch;
        }
        int i = (int) (b & ((1 << CHUNK_BITS) - 1));
        int v = ch[i] & 0xFF;
        if (v == 255) {
            big.put(b, big.get(b, 255) + 1);
        } else {
            ch[i] = (byte) (v + 1);
        }
    }

    public void dec(long b) {
        byte[] ch = chunks[(int) (b >>> CHUNK_BITS)];
        int i = (int) (b & ((1 << CHUNK_BITS) - 1));
        int v = ch[i] & 0xFF;
        if (v == 255 && big.containsKey(b)) {
            int x = big.get(b, 255) - 1;
            if (x == 255) {
                big.remove(b);
            } else {
                big.put(b, x);
            }
        } else {
            ch[i] = (byte) (v - 1);
        }
    }

    public long get(long b) {
        int c = (int) (b >>> CHUNK_BITS);
        if (c >= chunks.length) {
            return 0;
        }
        byte[] ch = chunks[c];
        if (ch == null) {
            return 0;
        }
        int v = ch[(int) (b & ((1 << CHUNK_BITS) - 1))] & 0xFF;
        return v == 255 ? big.get(b, 255) : v;
    }

    /** Copies the counts of blocks {@code from .. from + n - 1} into {@code dst}, saturated at 255. */
    public void copySaturated(long from, byte[] dst, int n) {
        int done = 0;
        while (done < n) {
            long b = from + done;
            int c = (int) (b >>> CHUNK_BITS);
            int i = (int) (b & ((1 << CHUNK_BITS) - 1));
            int k = Math.min(n - done, (1 << CHUNK_BITS) - i);
            byte[] ch = c < chunks.length ? chunks[c] : null;
            if (ch == null) {
                java.util.Arrays.fill(dst, done, done + k, (byte) 0);
            } else {
                System.arraycopy(ch, i, dst, done, k);
            }
            done += k;
        }
    }

    /** True if no block of chunk {@code c} has a count. */
    public boolean chunkEmpty(long b) {
        return chunks[(int) (b >>> CHUNK_BITS)] == null;
    }
}
