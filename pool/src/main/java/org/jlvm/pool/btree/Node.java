package org.jlvm.pool.btree;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A view of one B-tree node in the kernel layout: header (csum, flags, blocknr, nr_entries, max_entries,
 * value_size, padding) at 0..32, then {@code max_entries} u64 keys, then {@code max_entries} values.
 */
public final class Node {
    public static final int FLAGS = 4;
    public static final int NR_ENTRIES = 16;
    public static final int MAX_ENTRIES = 20;
    public static final int VALUE_SIZE = 24;
    public static final int HEADER_SIZE = 32;
    public static final int INTERNAL = 1;
    public static final int LEAF = 2;

    private final byte[] d;
    private final ByteBuffer b;

    public Node(byte[] data) {
        this.d = data;
        this.b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The largest multiple of 3 entries of {@code valueSize} bytes (plus an 8-byte key) that fit. */
    public static int maxEntries(int valueSize) {
        int n = (4096 - HEADER_SIZE) / (8 + valueSize);
        return 3 * (n / 3);
    }

    /** Makes this an empty node (zeroing everything after the checksum/blocknr header fields). */
    public void init(boolean leaf, int valueSize) {
        Arrays.fill(d, 16, d.length, (byte) 0);
        b.putInt(FLAGS, leaf ? LEAF : INTERNAL);
        b.putInt(NR_ENTRIES, 0);
        b.putInt(MAX_ENTRIES, maxEntries(valueSize));
        b.putInt(VALUE_SIZE, valueSize);
    }

    public byte[] data() {
        return d;
    }

    public int flags() {
        return b.getInt(FLAGS);
    }

    /** Leaf iff the flags say LEAF (the Rust tools' reading: anything else is internal). */
    public boolean isLeaf() {
        return (flags() & LEAF) != 0;
    }

    public int nr() {
        return b.getInt(NR_ENTRIES);
    }

    public void setNr(int n) {
        b.putInt(NR_ENTRIES, n);
    }

    public int max() {
        return b.getInt(MAX_ENTRIES);
    }

    public int valueSize() {
        return b.getInt(VALUE_SIZE);
    }

    public long key(int i) {
        return b.getLong(HEADER_SIZE + 8 * i);
    }

    public void setKey(int i, long k) {
        b.putLong(HEADER_SIZE + 8 * i, k);
    }

    public int valueOffset(int i) {
        return HEADER_SIZE + 8 * max() + valueSize() * i;
    }

    public long value64(int i) {
        return b.getLong(valueOffset(i));
    }

    public void setValue64(int i, long v) {
        b.putLong(valueOffset(i), v);
    }

    public int value32(int i) {
        return b.getInt(valueOffset(i));
    }

    /** Largest i with key(i) ≤ k, or -1. */
    public int lowerBound(long k) {
        int lo = -1;
        int hi = nr();
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(key(mid), k) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Smallest i with key(i) ≥ k, or nr(). */
    public int upperIndex(long k) {
        int i = lowerBound(k);
        if (i >= 0 && key(i) == k) {
            return i;
        }
        return i + 1;
    }

    /** Inserts (k, value) at slot i, shifting later entries up. The node must not be full. */
    public void insertAt(int i, long k, byte[] value, int valueOff) {
        int n = nr();
        int vs = valueSize();
        if (n >= max()) {
            throw new IllegalStateException("insert into a full node");
        }
        int kb = HEADER_SIZE + 8 * i;
        System.arraycopy(d, kb, d, kb + 8, 8 * (n - i));
        int vb = valueOffset(i);
        System.arraycopy(d, vb, d, vb + vs, vs * (n - i));
        setKey(i, k);
        System.arraycopy(value, valueOff, d, vb, vs);
        setNr(n + 1);
    }

    public void insertAt64(int i, long k, long value) {
        byte[] v = new byte[8];
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        insertAt(i, k, v, 0);
    }

    /** Removes slot i, shifting later entries down and zeroing the freed last slot. */
    public void deleteAt(int i) {
        int n = nr();
        int vs = valueSize();
        int kb = HEADER_SIZE + 8 * i;
        System.arraycopy(d, kb + 8, d, kb, 8 * (n - i - 1));
        int vb = valueOffset(i);
        System.arraycopy(d, vb + vs, d, vb, vs * (n - i - 1));
        setKey(n - 1, 0);
        Arrays.fill(d, valueOffset(n - 1), valueOffset(n - 1) + vs, (byte) 0);
        setNr(n - 1);
    }

    /** Copies n entries from src[from..] into this node's slots [to..] (no shifting, no nr change). */
    public void copyFrom(Node src, int from, int to, int n) {
        System.arraycopy(src.d, HEADER_SIZE + 8 * from, d, HEADER_SIZE + 8 * to, 8 * n);
        System.arraycopy(src.d, src.valueOffset(from), d, valueOffset(to), valueSize() * n);
    }

    /** Zeroes the key and value slots from {@code from} to max (after entries moved out). */
    public void clearFrom(int from) {
        int m = max();
        if (from >= m) {
            return;
        }
        Arrays.fill(d, HEADER_SIZE + 8 * from, HEADER_SIZE + 8 * m, (byte) 0);
        Arrays.fill(d, valueOffset(from), valueOffset(m), (byte) 0);
    }
}
