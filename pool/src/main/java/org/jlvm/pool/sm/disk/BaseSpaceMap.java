package org.jlvm.pool.sm.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.btree.BTree;
import org.jlvm.pool.btree.ValueType;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.sm.SpaceMap;
import org.jlvm.pool.tx.TransactionManager;
import org.jlvm.pool.util.LongIntMap;

/**
 * What the metadata and data space maps share (the kernel's {@code ll_disk}): bitmaps of 2-bit counts, an
 * overflow B-tree for counts of 3 and more, and an in-memory copy of the index (current and as committed).
 *
 * <p>Count changes go to a pending table first and are written into (shadowed) bitmaps and the overflow
 * tree by {@link #flushPending()}, which loops until writing causes no further change. This is how the
 * metadata map manages its own blocks without re-entering itself (the kernel queues the same operations);
 * the data map uses the same path so both have one implementation.
 *
 * <p>Allocation takes only blocks that are free now <em>and</em> in the committed bitmaps.
 */
public abstract class BaseSpaceMap implements SpaceMap {
    private static final ValueType U32 = ValueType.plain(4);

    protected final TransactionManager tm;
    protected final BTree overflow;
    protected long nrBlocks;
    protected long nrAllocated;
    protected long overflowRoot;
    /** Current index: bitmap location (0 = not yet written: all zero), free entries, first-free hint. */
    protected long[] bmBlock;
    protected int[] bmFree;
    protected int[] bmNfb;
    /** Bitmap locations as of the last commit (0 = all free). */
    protected long[] committedBmBlock;
    protected int[] committedFree;
    protected int[] committedNfb;
    private final LongIntMap pending = new LongIntMap();
    private long cursor;
    private boolean changed;

    protected BaseSpaceMap(TransactionManager tm, long nrBlocks, long nrAllocated, long overflowRoot,
                           IndexEntry[] index) {
        this.tm = tm;
        this.overflow = new BTree(tm, U32);
        this.nrBlocks = nrBlocks;
        this.nrAllocated = nrAllocated;
        this.overflowRoot = overflowRoot;
        int n = bitmapsFor(nrBlocks);
        bmBlock = new long[n];
        bmFree = new int[n];
        bmNfb = new int[n];
        for (int i = 0; i < n; i++) {
            if (i < index.length && index[i] != null) {
                bmBlock[i] = index[i].blocknr();
                bmFree[i] = index[i].nrFree();
                bmNfb[i] = index[i].noneFreeBefore();
            } else {
                bmFree[i] = Bitmap.ENTRIES;
            }
        }
        snapshotCommitted();
        for (long loc : bmBlock) {
            // A bitmap not written yet (a new map) must be written by the next commit.
            changed |= loc == 0;
        }
    }

    /** Number of bitmaps needed for {@code blocks}. */
    public static int bitmapsFor(long blocks) {
        long n = (blocks + Bitmap.ENTRIES - 1) / Bitmap.ENTRIES;
        if (blocks < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many blocks: " + blocks);
        }
        return (int) n;
    }

    private void snapshotCommitted() {
        committedBmBlock = bmBlock.clone();
        committedFree = bmFree.clone();
        committedNfb = bmNfb.clone();
    }

    /** Whether anything changed since the last commit. */
    protected boolean changedSinceCommit() {
        return changed;
    }

    @Override
    public long nrBlocks() {
        return nrBlocks;
    }

    @Override
    public long nrAllocated() {
        return nrAllocated;
    }

    public long overflowRoot() {
        return overflowRoot;
    }

    /** A copy of the current index entries (for tools and tests). */
    public IndexEntry[] indexEntries() {
        IndexEntry[] out = new IndexEntry[bmBlock.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new IndexEntry(bmBlock[i], bmFree[i], bmNfb[i]);
        }
        return out;
    }

    private void checkBlock(long b) {
        if (b < 0 || b >= nrBlocks) {
            throw new IllegalArgumentException("block " + b + " is outside the space map (" + nrBlocks
                    + " blocks)");
        }
    }

    @Override
    public long count(long b) throws IOException {
        checkBlock(b);
        int p = pending.get(b, -1);
        if (p >= 0) {
            return p;
        }
        return diskCount(b);
    }

    private long diskCount(long b) throws IOException {
        int i = (int) (b / Bitmap.ENTRIES);
        long loc = bmBlock[i];
        if (loc == 0) {
            return 0;
        }
        int v;
        try (Block blk = tm.read(loc, Bitmap.VALIDATOR)) {
            v = Bitmap.get(blk.data(), (int) (b % Bitmap.ENTRIES));
        }
        if (v < 3) {
            return v;
        }
        byte[] out = new byte[4];
        if (!overflow.lookup(overflowRoot, new long[] {b}, out)) {
            throw new CorruptMetadataException(loc, "bitmap", "block " + b
                    + " has count 3+ in its bitmap but no entry in the overflow tree " + overflowRoot);
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
    }

    private void setCount(long b, long old, long now) {
        if (now > 0xFFFFFFFFL || now > Integer.MAX_VALUE) {
            throw new IllegalStateException("reference count overflow on block " + b);
        }
        pending.put(b, (int) now);
        changed = true;
        int i = (int) (b / Bitmap.ENTRIES);
        int j = (int) (b % Bitmap.ENTRIES);
        if (old == 0 && now > 0) {
            nrAllocated++;
            bmFree[i]--;
            if (bmNfb[i] == j) {
                bmNfb[i] = j + 1;
            }
        } else if (old > 0 && now == 0) {
            nrAllocated--;
            bmFree[i]++;
            if (j < bmNfb[i]) {
                bmNfb[i] = j;
            }
        }
    }

    @Override
    public void inc(long b) throws IOException {
        long c = count(b);
        setCount(b, c, c + 1);
    }

    @Override
    public void dec(long b) throws IOException {
        long c = count(b);
        if (c == 0) {
            throw new CorruptMetadataException(b, spaceMapName(), "reference count of block " + b
                    + " would drop below zero");
        }
        setCount(b, c, c - 1);
    }

    /** Sets a count directly (tools that rebuild counts). */
    public void setCount(long b, long now) throws IOException {
        setCount(b, count(b), now);
    }

    /** "metadata space map" or "data space map", for messages. */
    protected abstract String spaceMapName();

    @Override
    public long newBlock() throws IOException {
        long b = findFree(cursor, nrBlocks);
        if (b < 0 && cursor > 0) {
            b = findFree(0, cursor);
        }
        if (b < 0) {
            throw new NoSpaceException("no free block in the " + spaceMapName() + " (" + nrBlocks
                    + " blocks, " + nrAllocated + " in use, " + (nrBlocks - nrAllocated)
                    + " waiting for the next commit)");
        }
        setCount(b, 0, 1);
        cursor = b + 1 >= nrBlocks ? 0 : b + 1;
        return b;
    }

    /** The first block in [begin, end) free now and at the last commit, or -1. */
    protected long findFree(long begin, long end) throws IOException {
        int first = (int) (begin / Bitmap.ENTRIES);
        int last = bitmapsFor(end) - 1;
        for (int i = first; i <= last; i++) {
            if (bmFree[i] <= 0) {
                continue;
            }
            long base = (long) i * Bitmap.ENTRIES;
            int from = (int) Math.max(Math.max(begin - base, 0), Math.min(bmNfb[i], Bitmap.ENTRIES));
            int to = (int) Math.min(Bitmap.ENTRIES, end - base);
            if (from >= to) {
                continue;
            }
            long found = scanBitmap(i, from, to);
            if (found >= 0) {
                return base + found;
            }
        }
        return -1;
    }

    private long scanBitmap(int i, int from, int to) throws IOException {
        long cur = bmBlock[i];
        long com = i < committedBmBlock.length ? committedBmBlock[i] : 0;
        try (Block cb = cur == 0 ? null : tm.read(cur, Bitmap.VALIDATOR);
             Block ob = com == 0 || com == cur ? null : tm.read(com, Bitmap.VALIDATOR)) {
            long base = (long) i * Bitmap.ENTRIES;
            for (int w = from >>> 5; w <= (to - 1) >>> 5; w++) {
                long word = cb == null ? 0 : Bitmap.word(cb.data(), w);
                if (ob != null) {
                    word |= Bitmap.word(ob.data(), w);
                }
                long zeros = Bitmap.zeroFields(word);
                while (zeros != 0) {
                    int bit = Long.numberOfTrailingZeros(zeros);
                    zeros &= zeros - 1;
                    int j = (w << 5) + (bit >>> 1);
                    if (j < from || j >= to) {
                        continue;
                    }
                    int p = pending.get(base + j, -1);
                    if (p <= 0) {
                        return j;
                    }
                }
            }
        }
        return -1;
    }

    @Override
    public void extend(long extra) throws IOException {
        if (extra < 0) {
            throw new IllegalArgumentException("cannot shrink a space map");
        }
        long newBlocks = nrBlocks + extra;
        int n = bitmapsFor(newBlocks);
        int old = bmBlock.length;
        if (n > old) {
            bmBlock = Arrays.copyOf(bmBlock, n);
            bmFree = Arrays.copyOf(bmFree, n);
            bmNfb = Arrays.copyOf(bmNfb, n);
            for (int i = old; i < n; i++) {
                bmFree[i] = Bitmap.ENTRIES;
            }
        }
        nrBlocks = newBlocks;
        changed = true;
    }

    /**
     * Writes every pending count into the bitmaps and the overflow tree, and materialises bitmaps never
     * written yet, until nothing is left pending.
     */
    protected void flushPending() throws IOException {
        while (true) {
            if (!pending.isEmpty()) {
                long[] keys = pending.keys();
                Arrays.sort(keys);
                for (long b : keys) {
                    int c = pending.get(b, -1);
                    if (c < 0) {
                        continue;
                    }
                    writeEntry(b, c);
                    if (pending.get(b, -1) == c) {
                        pending.remove(b);
                    }
                }
                continue;
            }
            boolean materialised = false;
            for (int i = 0; i < bmBlock.length; i++) {
                if (bmBlock[i] == 0) {
                    try (Block nb = tm.newBlock(Bitmap.VALIDATOR)) {
                        bmBlock[i] = nb.location();
                    }
                    materialised = true;
                }
            }
            if (!materialised && pending.isEmpty()) {
                return;
            }
        }
    }

    private void writeEntry(long b, int c) throws IOException {
        int i = (int) (b / Bitmap.ENTRIES);
        int j = (int) (b % Bitmap.ENTRIES);
        int old;
        try (Block bm = writableBitmap(i)) {
            old = Bitmap.get(bm.data(), j);
            Bitmap.set(bm.data(), j, Math.min(c, 3));
        }
        if (c >= 3) {
            byte[] v = new byte[4];
            ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putInt(0, c);
            overflowRoot = overflow.insert(overflowRoot, new long[] {b}, v).root();
        } else if (old == 3) {
            overflowRoot = overflow.remove(overflowRoot, new long[] {b}).root();
        }
    }

    private Block writableBitmap(int i) throws IOException {
        if (bmBlock[i] == 0) {
            Block nb = tm.newBlock(Bitmap.VALIDATOR);
            bmBlock[i] = nb.location();
            return nb;
        }
        Block s = tm.shadow(bmBlock[i], Bitmap.VALIDATOR).block();
        bmBlock[i] = s.location();
        return s;
    }

    /**
     * Writes pending counts into the bitmaps when more than {@code threshold} are waiting, so that a long
     * transaction keeps bounded memory. Call only between operations (never from inside a B-tree change).
     */
    public void flushIfLarge(int threshold) throws IOException {
        if (pending.size() > threshold) {
            flushPending();
        }
    }

    /** Marks the current state as committed (after the superblock that records it is durable). */
    public void committed() {
        snapshotCommitted();
        changed = false;
    }

    /** Whether index entry {@code i} differs from the committed one. */
    protected boolean indexEntryChanged(int i) {
        return i >= committedBmBlock.length || bmBlock[i] != committedBmBlock[i] || bmFree[i] != committedFree[i]
                || bmNfb[i] != committedNfb[i];
    }
}
