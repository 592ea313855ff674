package org.jlvm.pool.sm.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.pool.block.BlockHeaderValidator;
import org.jlvm.pool.block.Checksums;

/**
 * The 2-bit reference counts of a bitmap block: 16320 entries in 510 little-endian u64 words after a
 * 16-byte header. In each 2-bit field the <em>high</em> bit of the count is the lower bit position (so
 * count 1 of entry 0 is byte value 0x02). The value 3 means "look in the overflow tree".
 */
public final class Bitmap {
    /** Entries per bitmap block. */
    public static final int ENTRIES = 16320;
    /** Offset of the first word. */
    public static final int WORDS_OFFSET = 16;
    /** Validator of bitmap blocks. */
    public static final BlockHeaderValidator VALIDATOR = new BlockHeaderValidator("bitmap", Checksums.BITMAP_SALT);
    /** Validator of the metadata space map's index block. */
    public static final BlockHeaderValidator INDEX_VALIDATOR =
            new BlockHeaderValidator("index", Checksums.INDEX_SALT);

    private Bitmap() {
    }

    /** The 2-bit value (0..3) of entry {@code i}. */
    public static int get(byte[] data, int i) {
        int bits = (data[WORDS_OFFSET + (i >>> 2)] >>> ((i & 3) * 2)) & 3;
        // Swap the two bits: on disk the low position holds the high bit of the count.
        return ((bits & 1) << 1) | (bits >>> 1);
    }

    /** Sets entry {@code i} to {@code v} (0..3). */
    public static void set(byte[] data, int i, int v) {
        int idx = WORDS_OFFSET + (i >>> 2);
        int shift = (i & 3) * 2;
        int disk = ((v & 1) << 1) | ((v >>> 1) & 1);
        data[idx] = (byte) ((data[idx] & ~(3 << shift)) | (disk << shift));
    }

    /** The little-endian word holding entries {@code 32w .. 32w+31}. */
    static long word(byte[] data, int w) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(WORDS_OFFSET + 8 * w);
    }

    /** A mask with bit 2j set for each entry j of the word whose 2-bit field is zero. */
    static long zeroFields(long word) {
        return ~(word | (word >>> 1)) & 0x5555555555555555L;
    }
}
