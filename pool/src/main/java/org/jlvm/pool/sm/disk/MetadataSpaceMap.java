package org.jlvm.pool.sm.disk;

import java.io.IOException;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.btree.BTree;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.tx.TransactionManager;

/**
 * The metadata device's space map. It counts its own bitmaps, its index block and its overflow tree, all
 * copy-on-write like any metadata block. Its index is a single block of 255 entries, so it covers at most
 * 255 × 16320 = 4,161,600 blocks (about 15.9 GiB of metadata).
 *
 * <p>Install it in the transaction manager ({@link TransactionManager#setSpaceMap}) before use.
 */
public final class MetadataSpaceMap extends BaseSpaceMap {
    /** Entries in the single index block. */
    public static final int MAX_BITMAPS = 255;
    /** The largest metadata device the format can describe, in 4 KiB blocks. */
    public static final long MAX_BLOCKS = (long) MAX_BITMAPS * Bitmap.ENTRIES;

    private long indexBlock;

    private MetadataSpaceMap(TransactionManager tm, long nrBlocks, long nrAllocated, long overflowRoot,
                             IndexEntry[] index, long indexBlock) {
        super(tm, nrBlocks, nrAllocated, overflowRoot, index);
        this.indexBlock = indexBlock;
    }

    /**
     * Formats a new map over {@code nrBlocks} blocks of an all-free device: reserves block 0 (the
     * superblock), then allocates the index block and the overflow root. Installs itself in {@code tm}.
     */
    public static MetadataSpaceMap format(TransactionManager tm, long nrBlocks) throws IOException {
        long n = Math.min(nrBlocks, MAX_BLOCKS);
        MetadataSpaceMap sm = new MetadataSpaceMap(tm, n, 0, 0, new IndexEntry[0], 0);
        tm.setSpaceMap(sm);
        sm.setCount(0, 1);
        try (Block idx = tm.newBlock(Bitmap.INDEX_VALIDATOR)) {
            sm.indexBlock = idx.location();
        }
        sm.overflowRoot = BTree.empty(tm, 4);
        return sm;
    }

    /** Opens the map described by a superblock's root. Installs itself in {@code tm}. */
    public static MetadataSpaceMap open(TransactionManager tm, SpaceMapRoot root) throws IOException {
        int n = bitmapsFor(root.nrBlocks());
        if (n > MAX_BITMAPS) {
            throw new CorruptMetadataException(0, "superblock", "metadata space map of " + root.nrBlocks()
                    + " blocks needs " + n + " bitmaps; the index block holds " + MAX_BITMAPS);
        }
        IndexEntry[] entries = new IndexEntry[n];
        try (Block idx = tm.read(root.bitmapRoot(), Bitmap.INDEX_VALIDATOR)) {
            for (int i = 0; i < n; i++) {
                entries[i] = IndexEntry.decode(idx.data(), 16 + i * IndexEntry.SIZE);
                long loc = entries[i].blocknr();
                if (loc <= 0 || loc >= tm.blockManager().nrBlocks()) {
                    throw new CorruptMetadataException(root.bitmapRoot(), "index", "entry " + i
                            + " points at block " + loc + ", outside the metadata device");
                }
            }
        }
        MetadataSpaceMap sm = new MetadataSpaceMap(tm, root.nrBlocks(), root.nrAllocated(), root.refCountRoot(),
                entries, root.bitmapRoot());
        tm.setSpaceMap(sm);
        return sm;
    }

    @Override
    protected String spaceMapName() {
        return "metadata space map";
    }

    @Override
    public void extend(long extra) throws IOException {
        if (nrBlocks + extra > MAX_BLOCKS) {
            extra = MAX_BLOCKS - nrBlocks;
        }
        super.extend(extra);
    }

    /**
     * Writes the map (bitmaps, overflow tree, index block) and returns its root. Must run after every other
     * change of the transaction, since it is the last thing to allocate metadata blocks.
     */
    public SpaceMapRoot commit() throws IOException {
        if (changedSinceCommit()) {
            boolean indexShadowed = false;
            while (true) {
                flushPending();
                if (!indexShadowed) {
                    try (Block idx = tm.shadow(indexBlock, Bitmap.INDEX_VALIDATOR).block()) {
                        indexBlock = idx.location();
                    }
                    indexShadowed = true;
                    continue;
                }
                break;
            }
            try (Block idx = tm.shadow(indexBlock, Bitmap.INDEX_VALIDATOR).block()) {
                if (idx.location() != indexBlock) {
                    throw new IllegalStateException("index block moved twice in one commit");
                }
                byte[] d = idx.data();
                java.util.Arrays.fill(d, 16, d.length, (byte) 0);
                IndexEntry[] entries = indexEntries();
                for (int i = 0; i < entries.length; i++) {
                    entries[i].encode(d, 16 + i * IndexEntry.SIZE);
                }
            }
        }
        return root();
    }

    /** The root describing the current state (valid on disk only after {@link #commit()}). */
    public SpaceMapRoot root() {
        return new SpaceMapRoot(nrBlocks, nrAllocated, indexBlock, overflowRoot);
    }
}
