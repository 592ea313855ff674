package org.jlvm.pool.sm.disk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.pool.btree.BTree;
import org.jlvm.pool.btree.ValueType;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.tx.TransactionManager;

/**
 * The data device's space map: bitmaps and the overflow tree are metadata blocks, and the index is a B-tree
 * (bitmap number → 16-byte index entry) so the data device can be as large as the block-time format allows
 * (2^40 blocks). All its metadata blocks are allocated through the transaction manager.
 */
public final class DiskSpaceMap extends BaseSpaceMap {
    private static final ValueType INDEX_VALUE = ValueType.plain(IndexEntry.SIZE);
    private final BTree indexTree;
    private long indexRoot;

    private DiskSpaceMap(TransactionManager tm, long nrBlocks, long nrAllocated, long overflowRoot,
                         IndexEntry[] index, long indexRoot) {
        super(tm, nrBlocks, nrAllocated, overflowRoot, index);
        this.indexTree = new BTree(tm, INDEX_VALUE);
        this.indexRoot = indexRoot;
    }

    /** A new, all-free map of {@code nrBlocks} blocks (bitmaps are written at the first commit). */
    public static DiskSpaceMap format(TransactionManager tm, long nrBlocks) throws IOException {
        long indexRoot = BTree.empty(tm, IndexEntry.SIZE);
        long overflowRoot = BTree.empty(tm, 4);
        return new DiskSpaceMap(tm, nrBlocks, 0, overflowRoot, new IndexEntry[0], indexRoot);
    }

    /** Opens the map described by a superblock's root (reads the whole index into memory). */
    public static DiskSpaceMap open(TransactionManager tm, SpaceMapRoot root) throws IOException {
        long mdBlocks = tm.blockManager().nrBlocks();
        // Every bitmap is a metadata block of its own: more bitmaps than the device has blocks is impossible
        // (and checked before anything is sized from the on-disk number).
        long needed = Long.compareUnsigned(root.nrBlocks(), Long.MAX_VALUE - Bitmap.ENTRIES) > 0 ? Long.MAX_VALUE
                : (root.nrBlocks() + Bitmap.ENTRIES - 1) / Bitmap.ENTRIES;
        if (needed > mdBlocks) {
            throw new CorruptMetadataException(0, "superblock", "data space map of "
                    + Long.toUnsignedString(root.nrBlocks()) + " blocks is impossible for a metadata device of "
                    + mdBlocks + " blocks (it would need " + (needed == Long.MAX_VALUE ? "more" : needed)
                    + " bitmaps)");
        }
        int n = bitmapsFor(root.nrBlocks());
        IndexEntry[] entries = new IndexEntry[n];
        List<Long> bad = new ArrayList<>();
        BTree tree = new BTree(tm, INDEX_VALUE);
        tree.forEach(root.bitmapRoot(), (key, data, off) -> {
            if (key >= n) {
                bad.add(key);
                return false;
            }
            entries[(int) key] = IndexEntry.decode(data, off);
            return true;
        });
        if (!bad.isEmpty()) {
            throw new CorruptMetadataException(root.bitmapRoot(), "data space map index", "entry for bitmap "
                    + bad.get(0) + " beyond the " + n + " bitmaps of " + root.nrBlocks() + " data blocks");
        }
        for (int i = 0; i < n; i++) {
            if (entries[i] == null || entries[i].blocknr() <= 0 || entries[i].blocknr() >= mdBlocks) {
                throw new CorruptMetadataException(root.bitmapRoot(), "data space map index",
                        "bitmap " + i + (entries[i] == null ? " is missing" : " points at block "
                                + entries[i].blocknr() + ", outside the metadata device"));
            }
        }
        return new DiskSpaceMap(tm, root.nrBlocks(), root.nrAllocated(), root.refCountRoot(), entries,
                root.bitmapRoot());
    }

    @Override
    protected String spaceMapName() {
        return "data space map";
    }

    /**
     * Writes the map (bitmaps, overflow tree, index tree) and returns its root. Allocates metadata blocks,
     * so it runs before the metadata space map's commit.
     */
    public SpaceMapRoot commit() throws IOException {
        if (changedSinceCommit()) {
            flushPending();
            IndexEntry[] entries = indexEntries();
            byte[] v = new byte[IndexEntry.SIZE];
            for (int i = 0; i < entries.length; i++) {
                if (indexEntryChanged(i)) {
                    entries[i].encode(v, 0);
                    indexRoot = indexTree.insert(indexRoot, new long[] {i}, v).root();
                }
            }
        }
        return root();
    }

    public SpaceMapRoot root() {
        return new SpaceMapRoot(nrBlocks, nrAllocated, indexRoot, overflowRoot);
    }
}
