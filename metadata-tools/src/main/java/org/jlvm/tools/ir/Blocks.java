package org.jlvm.tools.ir;

import java.io.IOException;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.btree.Node;
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

    /** The little-endian u64 at {@code off}. */
    public static long u64(byte[] d, int off) {
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
     * What is wrong with a node's flags, or null when they say exactly internal or exactly leaf. In 0.9.0's
     * words where it has them; other bits, which 0.9.0 ignores, make it "unknown" as for the 1.x tools.
     */
    public static String nodeTypeProblem(Node n, long block) {
        int flags = n.flags();
        if (flags == Node.INTERNAL || flags == Node.LEAF) {
            return null;
        }
        boolean both = (flags & (Node.INTERNAL | Node.LEAF)) == (Node.INTERNAL | Node.LEAF);
        return (both ? "btree node is both internal and leaf" : "unknown node type") + " (block " + block + ")";
    }

    /** Whether a node whose {@link #nodeTypeProblem type} is sound is internal. */
    public static boolean internal(Node n) {
        return n.flags() == Node.INTERNAL;
    }

    /** Reads a b-tree node, checking checksum and block number. */
    public static byte[] node(MetadataFile f, long loc) throws BadBlock {
        return node(f, loc, new byte[MetadataFile.BLOCK_SIZE]);
    }

    /** As {@link #node(MetadataFile, long)}, reading into {@code buf}. */
    public static byte[] node(MetadataFile f, long loc, byte[] buf) throws BadBlock {
        return checked(f, loc, buf, Checksums.BTREE_NODE_SALT, "btree node", " = ");
    }

    public static byte[] bitmap(MetadataFile f, long loc) throws BadBlock {
        return checked(f, loc, new byte[MetadataFile.BLOCK_SIZE], Checksums.BITMAP_SALT, "space map bitmap", " ");
    }

    public static byte[] index(MetadataFile f, long loc) throws BadBlock {
        return checked(f, loc, new byte[MetadataFile.BLOCK_SIZE], Checksums.INDEX_SALT, "metadata index block", " ");
    }

    /** Reads block {@code loc} and checks its checksum (with {@code salt}) and block number, in 0.9.0's words. */
    private static byte[] checked(MetadataFile f, long loc, byte[] buf, int salt, String what, String nrSep)
            throws BadBlock {
        byte[] d = readRaw(f, loc, buf);
        if (Checksums.compute(d, salt) != Checksums.stored(d)) {
            throw new BadBlock(loc, "bad checksum in " + what + " (block " + loc + ")");
        }
        if (u64(d, 8) != loc) {
            throw new BadBlock(loc, "bad block nr in " + what + " (block" + nrSep + loc + ")");
        }
        return d;
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
