package org.jlvm.tools.pack;

import java.util.zip.CRC32C;

/**
 * The kinds of persistent-data block the pack format carries, told apart by the salt their checksum was
 * written with (as 1.x does); any other block, including one whose checksum does not match, is
 * {@link #UNKNOWN} and is never packed.
 */
enum BlockKind {
    THIN_SUPERBLOCK(160774),
    CACHE_SUPERBLOCK(9031977),
    ERA_SUPERBLOCK(146538381),
    NODE(121107),
    INDEX(160478),
    BITMAP(240779),
    ARRAY(595846735),
    UNKNOWN(0);

    private final int salt;

    BlockKind(int salt) {
        this.salt = salt;
    }

    /** The kind of a 4096-byte block at {@code off} of {@code d}, from its checksum. */
    static BlockKind of(byte[] d, int off, CRC32C crc) {
        crc.reset();
        crc.update(d, off + 4, PackFormat.BLOCK_SIZE - 4);
        int stored = (d[off] & 0xFF) | (d[off + 1] & 0xFF) << 8 | (d[off + 2] & 0xFF) << 16
                | (d[off + 3] & 0xFF) << 24;
        int salt = stored ^ (int) crc.getValue() ^ 0xFFFFFFFF;
        for (BlockKind k : VALUES) {
            if (k.salt == salt) {
                return k;
            }
        }
        return UNKNOWN;
    }

    private static final BlockKind[] VALUES = {THIN_SUPERBLOCK, CACHE_SUPERBLOCK, ERA_SUPERBLOCK, NODE, INDEX,
        BITMAP, ARRAY};
}
