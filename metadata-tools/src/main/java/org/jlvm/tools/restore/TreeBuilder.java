package org.jlvm.tools.restore;

import java.util.Arrays;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.btree.Node;
import org.jlvm.tools.ir.ToolException;

/**
 * Builds one b-tree bottom-up from entries given in strictly ascending key order: leaves packed to
 * max_entries, the last two balanced so that no node is under half full (root excepted), then internal
 * levels the same way. Every node is written once, in ascending block order, through the {@link BlockSink}.
 */
final class TreeBuilder {
    /** Called with every leaf just written (for reference counting of the values). */
    interface LeafListener {
        void leafWritten(long block, long[] keys, byte[] values, int from, int n);
    }

    private final BlockSink sink;
    private final int valueSize;
    private final int max;
    private final LeafListener listener;
    private long[] keys;
    private byte[] values;
    private int n;
    private long lastKey;
    private boolean any;
    /** (first key, block) of every node written at the leaf level. */
    private long[] childKeys = new long[16];
    private long[] childBlocks = new long[16];
    private int children;
    private long total;

    TreeBuilder(BlockSink sink, int valueSize, LeafListener listener) {
        this.sink = sink;
        this.valueSize = valueSize;
        this.max = Node.maxEntries(valueSize);
        this.listener = listener;
        this.keys = new long[2 * max];
        this.values = new byte[2 * max * valueSize];
    }

    boolean isEmpty() {
        return !any;
    }

    long lastKey() {
        return lastKey;
    }

    /** True if {@code key} can be added (it is above every key added so far). */
    boolean accepts(long key) {
        return !any || Long.compareUnsigned(key, lastKey) > 0;
    }

    /** Writes the first full leaf of the two buffered, keeping the second (the last two are balanced). */
    private void spill() throws ToolException {
        writeLeaf(0, max);
        System.arraycopy(keys, max, keys, 0, max);
        System.arraycopy(values, max * valueSize, values, 0, max * valueSize);
        n = max;
    }

    /**
     * Adds keys {@code key .. key + len - 1} (accepted, and not wrapping) with the 8-byte values {@code v},
     * {@code v + step}, ...
     */
    void addRun64(long key, long v, long step, long len) throws ToolException {
        long k = key;
        long val = v;
        for (long i = 0; i < len; i++) {
            if (n == 2 * max) {
                spill();
            }
            keys[n] = k;
            BlockSink.putLong(values, n * 8, val);
            n++;
            k++;
            val += step;
        }
        total += len;
        lastKey = key + len - 1;
        any = true;
    }

    void add(long key, byte[] v, int off) throws ToolException {
        if (n == 2 * max) {
            spill();
        }
        keys[n] = key;
        System.arraycopy(v, off, values, n * valueSize, valueSize);
        n++;
        total++;
        lastKey = key;
        any = true;
    }

    void add64(long key, long v) throws ToolException {
        if (n == 2 * max) {
            add(key, scratch, 0);
            BlockSink.putLong(values, (n - 1) * valueSize, v);
            return;
        }
        keys[n] = key;
        BlockSink.putLong(values, n * valueSize, v);
        n++;
        total++;
        lastKey = key;
        any = true;
    }

    private final byte[] scratch = new byte[8];

    /** Entries added so far. */
    long count() {
        return total;
    }

    /** Hands the entries not yet written to {@code c} (8-byte values) and forgets them. */
    void drainPending(java.util.function.BiConsumer<Long, Long> c) {
        for (int i = 0; i < n; i++) {
            c.accept(keys[i], PoolWriter.getLong(values, i * valueSize));
        }
        n = 0;
    }

    /** Blocks of the leaves written so far (for a caller that has to abandon this tree). */
    long[] writtenLeaves() {
        return Arrays.copyOf(childBlocks, children);
    }

    /** Writes the rest and the internal levels; returns the root. */
    long finish() throws ToolException {
        if (n > max) {
            int first = n / 2;
            writeLeaf(0, first);
            writeLeaf(first, n - first);
        } else if (n > 0 || children == 0) {
            writeLeaf(0, n);
        }
        n = 0;
        long[] ks = Arrays.copyOf(childKeys, children);
        long[] bs = Arrays.copyOf(childBlocks, children);
        while (ks.length > 1) {
            int internalMax = Node.maxEntries(8);
            int count = ks.length;
            int nodes = (count + internalMax - 1) / internalMax;
            long[] nk = new long[nodes];
            long[] nb = new long[nodes];
            int pos = 0;
            for (int i = 0; i < nodes; i++) {
                int take;
                int remaining = count - pos;
                if (i == nodes - 2 && remaining < 2 * internalMax) {
                    take = remaining / 2;
                } else {
                    take = Math.min(internalMax, remaining);
                }
                nk[i] = ks[pos];
                nb[i] = writeNode(false, 8, ks, pos, take, null, bs);
                pos += take;
            }
            ks = nk;
            bs = nb;
        }
        return bs[0];
    }

    private void writeLeaf(int from, int count) throws ToolException {
        long b = writeNode(true, valueSize, keys, from, count, values, null);
        if (listener != null) {
            listener.leafWritten(b, keys, values, from, count);
        }
        if (children == childKeys.length) {
            childKeys = Arrays.copyOf(childKeys, children * 2);
            childBlocks = Arrays.copyOf(childBlocks, children * 2);
        }
        childKeys[children] = count > 0 ? keys[from] : 0;
        childBlocks[children] = b;
        children++;
    }

    private long writeNode(boolean leaf, int vs, long[] ks, int from, int count, byte[] vals, long[] vals64)
            throws ToolException {
        int off = sink.reserve();
        byte[] d = sink.array();
        int m = Node.maxEntries(vs);
        BlockSink.putInt(d, off + Node.FLAGS, leaf ? Node.LEAF : Node.INTERNAL);
        BlockSink.putInt(d, off + Node.NR_ENTRIES, count);
        BlockSink.putInt(d, off + Node.MAX_ENTRIES, m);
        BlockSink.putInt(d, off + Node.VALUE_SIZE, vs);
        int kbase = off + Node.HEADER_SIZE;
        int vbase = kbase + 8 * m;
        for (int i = 0; i < count; i++) {
            BlockSink.putLong(d, kbase + 8 * i, ks[from + i]);
        }
        if (vals != null) {
            System.arraycopy(vals, from * vs, d, vbase, count * vs);
        } else {
            for (int i = 0; i < count; i++) {
                BlockSink.putLong(d, vbase + 8 * i, vals64[from + i]);
            }
        }
        return sink.commit(Checksums.BTREE_NODE_SALT);
    }
}
