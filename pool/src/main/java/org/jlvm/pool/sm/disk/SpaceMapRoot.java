package org.jlvm.pool.sm.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 128-byte space-map root stored in the thin superblock: nr_blocks, nr_allocated, bitmap_root (metadata
 * map: the index block; data map: the index B-tree), ref_count_root (the overflow B-tree), then 96 zero bytes.
 */
public record SpaceMapRoot(long nrBlocks, long nrAllocated, long bitmapRoot, long refCountRoot) {
    /** Encoded size. */
    public static final int SIZE = 128;
    /** The all-zero root of a metadata-snapshot superblock copy. */
    public static final SpaceMapRoot ZERO = new SpaceMapRoot(0, 0, 0, 0);

    public static SpaceMapRoot decode(byte[] data, int off) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return new SpaceMapRoot(b.getLong(off), b.getLong(off + 8), b.getLong(off + 16), b.getLong(off + 24));
    }

    public void encode(byte[] data, int off) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(off, nrBlocks);
        b.putLong(off + 8, nrAllocated);
        b.putLong(off + 16, bitmapRoot);
        b.putLong(off + 24, refCountRoot);
        java.util.Arrays.fill(data, off + 32, off + SIZE, (byte) 0);
    }
}
