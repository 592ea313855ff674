package org.jlvm.pool.util;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to {@code int} values, with no boxing (about 24 bytes per
 * entry at the working load). Keys may be any long except {@link Long#MIN_VALUE}. Not thread-safe.
 */
public final class LongIntMap {
    private static final long FREE = Long.MIN_VALUE;
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public LongIntMap() {
        this(16);
    }

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        alloc(cap);
    }

    private void alloc(int cap) {
        keys = new long[cap];
        Arrays.fill(keys, FREE);
        values = new int[cap];
        mask = cap - 1;
        size = 0;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean containsKey(long k) {
        return slot(k) >= 0;
    }

    private int slot(long k) {
        int i = hash(k) & mask;
        while (true) {
            long kk = keys[i];
            if (kk == k) {
                return i;
            }
            if (kk == FREE) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** The value for {@code k}, or {@code dflt} when absent. */
    public int get(long k, int dflt) {
        int s = slot(k);
        return s < 0 ? dflt : values[s];
    }

    public void put(long k, int v) {
        if (k == FREE) {
            throw new IllegalArgumentException("reserved key");
        }
        if ((size + 1) * 4 > keys.length * 3) {
            rehash(keys.length * 2);
        }
        int i = hash(k) & mask;
        while (true) {
            long kk = keys[i];
            if (kk == k) {
                values[i] = v;
                return;
            }
            if (kk == FREE) {
                keys[i] = k;
                values[i] = v;
                size++;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes {@code k}; returns whether it was present. */
    public boolean remove(long k) {
        int i = slot(k);
        if (i < 0) {
            return false;
        }
        // Backward-shift deletion keeps probe chains intact.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long kj = keys[j];
            if (kj == FREE) {
                break;
            }
            int home = hash(kj) & mask;
            boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!between) {
                keys[i] = kj;
                values[i] = values[j];
                i = j;
            }
        }
        keys[i] = FREE;
        size--;
        return true;
    }

    public void clear() {
        if (keys.length > 1024) {
            alloc(16);
        } else {
            Arrays.fill(keys, FREE);
            size = 0;
        }
    }

    /** The keys, in no particular order (a copy). */
    public long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != FREE) {
                out[n++] = k;
            }
        }
        return out;
    }

    private void rehash(int cap) {
        long[] ok = keys;
        int[] ov = values;
        alloc(cap);
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != FREE) {
                put(ok[i], ov[i]);
            }
        }
    }
}
