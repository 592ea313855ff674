package org.jlvm.pool.sm.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One 16-byte index entry: where a bitmap lives, how many of its entries are free, and a hint below which
 * none is free.
 */
public record IndexEntry(long blocknr, int nrFree, int noneFreeBefore) {
    public static final int SIZE = 16;

    public static IndexEntry decode(byte[] data, int off) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return new IndexEntry(b.getLong(off), b.getInt(off + 8), b.getInt(off + 12));
    }

    public void encode(byte[] data, int off) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(off, blocknr);
        b.putInt(off + 8, nrFree);
        b.putInt(off + 12, noneFreeBefore);
    }
}
