package org.jlvm.tools.ir;

import java.io.IOException;
import org.jlvm.pool.block.Checksums;
import org.jlvm.thin.format.ThinSuperblock;

/** Reads and validates typed metadata blocks; failures carry the 0.9.0 tools' wording. */
public final class Blocks {
    private Blocks() {
    }

    /** A block failed to read or validate; {@link #getMessage()} is the text the tools print. */
    public static final class BadBlock extends Exception {
        private static final long serialVersionUID = 1L;
        private final long block;

        public BadBlock(long block, String message) {
            super(message);
            this.block = block;
        }

        public long block() {
            return block;
        }
    }

    static long u64(byte[] d, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (d[off + i] & 0xFF);
        }
        return v;
    }

    /** Reads and validates the superblock at {@code loc} (0, or the metadata-snapshot copy). */
    public static ThinSuperblock superblock(MetadataFile f, long loc) throws BadBlock {
        byte[] d;
        try {
            d = f.read(loc);
        } catch (IOException e) {
            throw new BadBlock(loc, "Metadata is not large enough for superblock.");
        }
        int want = Checksums.compute(d, Checksums.SUPERBLOCK_SALT);
        if (want != Checksums.stored(d)) {
            throw new BadBlock(loc, "bad checksum in superblock, wanted " + Integer.toUnsignedString(want));
        }
        // Like 0.9.0, neither the block number nor the magic is checked: only the checksum.
        ThinSuperblock sb = ThinSuperblock.decode(d);
        return sb;
    }

    /**
     * What is wrong with a node's flags, in 0.9.0's words, or null when it is exactly one of internal and leaf
     * (other bits are ignored, as there).
     */
    public static String nodeTypeProblem(org.jlvm.pool.btree.Node n, long block) {
        boolean internal = (n.flags() & org.jlvm.pool.btree.Node.INTERNAL) != 0;
        boolean leaf = (n.flags() & org.jlvm.pool.btree.Node.LEAF) != 0;
        if (internal == leaf) {
            return (internal ? "btree node is both internal and leaf" : "unknown node type") + " (block " + block
                    + ")";
        }
        return null;
    }

    /** Whether a node whose {@link #nodeTypeProblem type} is sound is internal. */
    public static boolean internal(org.jlvm.pool.btree.Node n) {
        return (n.flags() & org.jlvm.pool.btree.Node.INTERNAL) != 0;
    }

    /** Reads a b-tree node, checking checksum and block number. */
    public static byte[] node(MetadataFile f, long loc) throws BadBlock {
        return node(f, loc, new byte[MetadataFile.BLOCK_SIZE]);
    }

    /** As {@link #node(MetadataFile, long)}, reading into {@code buf}. */
    public static byte[] node(MetadataFile f, long loc, byte[] buf) throws BadBlock {
        byte[] d = readRaw(f, loc, buf);
        if (Checksums.compute(d, Checksums.BTREE_NODE_SALT) != Checksums.stored(d)) {
            throw new BadBlock(loc, "bad checksum in btree node (block " + loc + ")");
        }
        if (u64(d, 8) != loc) {
            throw new BadBlock(loc, "bad block nr in btree node (block = " + loc + ")");
        }
        return d;
    }

    public static byte[] bitmap(MetadataFile f, long loc) throws BadBlock {
        byte[] d = readRaw(f, loc);
        if (Checksums.compute(d, Checksums.BITMAP_SALT) != Checksums.stored(d)) {
            throw new BadBlock(loc, "bad checksum in space map bitmap (block " + loc + ")");
        }
        if (u64(d, 8) != loc) {
            throw new BadBlock(loc, "bad block nr in space map bitmap (block " + loc + ")");
        }
        return d;
    }

    public static byte[] index(MetadataFile f, long loc) throws BadBlock {
        byte[] d = readRaw(f, loc);
        if (Checksums.compute(d, Checksums.INDEX_SALT) != Checksums.stored(d)) {
            throw new BadBlock(loc, "bad checksum in metadata index block (block " + loc + ")");
        }
        if (u64(d, 8) != loc) {
            throw new BadBlock(loc, "bad block nr in metadata index block (block " + loc + ")");
        }
        return d;
    }

    private static byte[] readRaw(MetadataFile f, long loc) throws BadBlock {
        return readRaw(f, loc, new byte[MetadataFile.BLOCK_SIZE]);
    }

    private static byte[] readRaw(MetadataFile f, long loc, byte[] buf) throws BadBlock {
        if (loc < 0 || loc >= f.nrBlocks()) {
            throw new BadBlock(loc, "block out of bounds (" + Long.toUnsignedString(loc) + " >= " + f.nrBlocks()
                    + ")\n");
        }
        try {
            return f.read(loc, buf);
        } catch (IOException e) {
            throw new BadBlock(loc, "unable to read block " + loc + ": " + e.getMessage());
        }
    }
}
