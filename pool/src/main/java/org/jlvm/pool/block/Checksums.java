package org.jlvm.pool.block;

import java.util.zip.CRC32C;

/**
 * The dm persistent-data checksum: CRC-32C over bytes {@code [4, blockSize)} <em>without</em> the final
 * inversion (the kernel's {@code crc32c(~0, ...)}), XORed with a salt per block kind.
 */
public final class Checksums {
    /** Salt of the thin superblock (and of the metadata-snapshot copy). */
    public static final int SUPERBLOCK_SALT = 160774;
    /** Salt of every B-tree node. */
    public static final int BTREE_NODE_SALT = 121107;
    /** Salt of space-map bitmap blocks. */
    public static final int BITMAP_SALT = 240779;
    /** Salt of the metadata space map's index block. */
    public static final int INDEX_SALT = 160478;

    private Checksums() {
    }

    /** The checksum of a block as stored at offset 0 (little-endian). */
    public static int compute(byte[] block, int salt) {
        CRC32C crc = new CRC32C();
        crc.update(block, 4, block.length - 4);
        return (int) crc.getValue() ^ 0xFFFFFFFF ^ salt;
    }

    /** The checksum stored in the block's first four bytes. */
    public static int stored(byte[] block) {
        return (block[0] & 0xFF) | (block[1] & 0xFF) << 8 | (block[2] & 0xFF) << 16 | (block[3] & 0xFF) << 24;
    }

    /** Writes the checksum into the first four bytes. */
    public static void stamp(byte[] block, int salt) {
        int c = compute(block, salt);
        block[0] = (byte) c;
        block[1] = (byte) (c >>> 8);
        block[2] = (byte) (c >>> 16);
        block[3] = (byte) (c >>> 24);
    }

    /** The salt a block was written with (stored XOR unsalted), which identifies its kind. */
    public static int saltOf(byte[] block) {
        return stored(block) ^ compute(block, 0);
    }
}
