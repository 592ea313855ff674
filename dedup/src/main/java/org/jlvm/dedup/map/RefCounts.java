package org.jlvm.dedup.map;

import java.util.BitSet;
import org.jlvm.dedup.format.Geometry;
import org.jlvm.dedup.format.PageCodec;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.error.NoSpaceException;

/**
 * One-byte reference counts per data block and the allocator over them. 0 = free, 1..{@link #MAX_SHARERS}
 * = references, {@link #PROVISIONAL} = reserved for a write in flight (never persisted).
 *
 * <p>A block whose count drops to 0 is <em>pending</em>: it is not handed out again until
 * {@link #commitCompleted()} says the decrement is durable. Callers hold the device's metadata lock.
 */
public final class RefCounts implements PagedTable {
    public static final int MAX_SHARERS = 254;
    public static final int PROVISIONAL = 255;
    private final byte[] counts;
    private final int pages;
    private final BitSet dirty = new BitSet();
    private final BitSet pendingFree = new BitSet();
    private long free;
    private int cursor;

    public RefCounts(long dataBlocks) {
        if (dataBlocks > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many data blocks: " + dataBlocks);
        }
        counts = new byte[(int) dataBlocks];
        pages = (int) Geometry.ceilDiv(dataBlocks, Geometry.REFS_PER_PAGE);
        free = dataBlocks;
    }

    public long blocks() {
        return counts.length;
    }

    public int get(long pbn) {
        return counts[(int) pbn] & 0xff;
    }

    /** Blocks that can be allocated now. */
    public long free() {
        return free;
    }

    /** Blocks with a non-zero count (references or provisional). */
    public long used() {
        return counts.length - free - pendingFree.cardinality();
    }

    public long pendingFree() {
        return pendingFree.cardinality();
    }

    /** Reserves a free block (count becomes {@link #PROVISIONAL}). */
    public long allocate() throws NoSpaceException {
        if (free == 0) {
            throw new NoSpaceException("dedup device: no free data block (" + counts.length + " blocks, "
                    + pendingFree.cardinality() + " waiting for a flush to be reusable)");
        }
        int n = counts.length;
        for (int k = 0; k < n; k++) {
            int i = cursor;
            cursor = cursor + 1 == n ? 0 : cursor + 1;
            if (counts[i] == 0 && !pendingFree.get(i)) {
                counts[i] = (byte) PROVISIONAL;
                free--;
                return i;
            }
        }
        throw new IllegalStateException("free count " + free + " but no free block found");
    }

    /** Reserves a specific block if it is free (count becomes {@link #PROVISIONAL}); false otherwise. */
    public boolean tryAllocate(long pbn) {
        if (pbn < 0 || pbn >= counts.length || counts[(int) pbn] != 0 || pendingFree.get((int) pbn)) {
            return false;
        }
        counts[(int) pbn] = (byte) PROVISIONAL;
        free--;
        return true;
    }

    /** A provisional block gets its first reference. */
    public void confirm(long pbn) throws CorruptMetadataException {
        expect(pbn, get(pbn) == PROVISIONAL, "provisional");
        set(pbn, 1);
    }

    /** A provisional block is given back unused (it was free in the committed state). */
    public void abandon(long pbn) throws CorruptMetadataException {
        expect(pbn, get(pbn) == PROVISIONAL, "provisional");
        counts[(int) pbn] = 0;
        free++;
    }

    /** Adds a reference if the block is referenced and below the sharing limit; false otherwise. */
    public boolean tryShare(long pbn) {
        int c = get(pbn);
        if (c < 1 || c >= MAX_SHARERS) {
            return false;
        }
        set(pbn, c + 1);
        return true;
    }

    /** Adds a reference to a referenced block below the limit (an inconsistency otherwise). */
    public void increment(long pbn) throws CorruptMetadataException {
        int c = get(pbn);
        expect(pbn, c >= 1 && c < MAX_SHARERS, "referenced and below " + MAX_SHARERS);
        set(pbn, c + 1);
    }

    /** Drops a reference; at 0 the block becomes pending until the next commit completes. */
    public void decrement(long pbn) throws CorruptMetadataException {
        int c = get(pbn);
        expect(pbn, c >= 1 && c <= MAX_SHARERS, "referenced");
        set(pbn, c - 1);
        if (c == 1) {
            pendingFree.set((int) pbn);
        }
    }

    /** The blocks pending now (their decrement goes into the commit being prepared). */
    public BitSet pendingSnapshot() {
        return (BitSet) pendingFree.clone();
    }

    /** The commit that held these decrements is durable: those blocks become free. */
    public void committed(BitSet freed) {
        BitSet now = (BitSet) freed.clone();
        now.and(pendingFree);
        pendingFree.andNot(now);
        free += now.cardinality();
    }

    /** Every decrement so far is durable: pending blocks become free. */
    public void commitCompleted() {
        free += pendingFree.cardinality();
        pendingFree.clear();
    }

    /** Recomputes the free count after loading. */
    public void loaded() {
        long f = 0;
        for (byte c : counts) {
            if (c == 0) {
                f++;
            }
        }
        free = f;
        pendingFree.clear();
    }

    /** Overwrites a count during an offline rebuild. */
    public void force(long pbn, int count) {
        set(pbn, count);
    }

    private void set(long pbn, int c) {
        counts[(int) pbn] = (byte) c;
        dirty.set((int) (pbn / Geometry.REFS_PER_PAGE));
    }

    private void expect(long pbn, boolean ok, String what) throws CorruptMetadataException {
        if (!ok) {
            throw new CorruptMetadataException(pbn, "refcount", "data block " + pbn + " has count " + get(pbn)
                    + ", expected " + what);
        }
    }

    @Override
    public int pages() {
        return pages;
    }

    @Override
    public int kind() {
        return PageCodec.KIND_REFCOUNT;
    }

    @Override
    public void encode(int page, byte[] dst) {
        int first = page * Geometry.REFS_PER_PAGE;
        int n = Math.min(Geometry.REFS_PER_PAGE, counts.length - first);
        for (int i = 0; i < n; i++) {
            if ((counts[first + i] & 0xff) == PROVISIONAL) {
                throw new IllegalStateException("provisional count of block " + (first + i) + " in a commit");
            }
        }
        System.arraycopy(counts, first, dst, Geometry.PAGE_HEADER, n);
        java.util.Arrays.fill(dst, Geometry.PAGE_HEADER + n, Geometry.BLOCK, (byte) 0);
    }

    @Override
    public void decode(int page, byte[] src) {
        int first = page * Geometry.REFS_PER_PAGE;
        int n = Math.min(Geometry.REFS_PER_PAGE, counts.length - first);
        System.arraycopy(src, Geometry.PAGE_HEADER, counts, first, n);
    }

    /** Unknown counts: the device goes read-only, so nothing is allocated until a rebuild. */
    @Override
    public void damaged(int page) {
        int first = page * Geometry.REFS_PER_PAGE;
        int n = Math.min(Geometry.REFS_PER_PAGE, counts.length - first);
        java.util.Arrays.fill(counts, first, first + n, (byte) MAX_SHARERS);
    }

    @Override
    public BitSet dirty() {
        return dirty;
    }
}
