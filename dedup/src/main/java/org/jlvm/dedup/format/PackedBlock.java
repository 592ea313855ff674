package org.jlvm.dedup.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A data block holding LZ4 fragments laid end to end, little-endian:
 * <pre>
 *  0 u32 magic 0x505a4c4a ("JLZP")  4 u16 major (1)  6 u16 fragments starting in this block
 *  8 u64 next packed block (PBN) holding the continuation of the last fragment, or -1
 * 16 payload (4080 bytes)
 * </pre>
 * A fragment is (PBN, offset in payload, length); when {@code offset + length > 4080} its tail continues at
 * the start of the next block's payload. A fragment touches at most two blocks (lengths are at most
 * {@link #MAX_FRAGMENT}) and holds one reference on each block it touches.
 */
public final class PackedBlock {
    public static final int MAGIC = 0x505a4c4a;
    public static final int BLOCK_SIZE = Geometry.BLOCK;
    public static final int HEADER = 16;
    public static final int PAYLOAD = Geometry.BLOCK - HEADER;
    /** Longest fragment stored compressed; longer ones save too little and are stored raw. */
    public static final int MAX_FRAGMENT = 3968;
    public static final long NO_NEXT = -1;

    private PackedBlock() {
    }

    public static void writeHeader(byte[] block, int fragments, long next) {
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, MAGIC).putShort(4, (short) 1).putShort(6, (short) fragments).putLong(8, next);
    }

    public static boolean hasMagic(byte[] block) {
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        return b.getInt(0) == MAGIC && b.getShort(4) == 1;
    }

    public static long next(byte[] block) {
        return ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).getLong(8);
    }
}
