package org.jlvm.dedup.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Header of a metadata page (map or refcount), little-endian:
 * <pre>
 *  0 u32 CRC32C of bytes 4..4095, seeded with the page kind and number
 *  4 u16 kind (1 map, 2 refcount)   6 u16 format major (1)
 *  8 u64 generation of the commit that wrote it
 * 16 payload (4080 bytes)
 * </pre>
 * A slot that is all zeroes is a never-written page ("empty, generation 0").
 */
public final class PageCodec {
    public static final int KIND_MAP = 1;
    public static final int KIND_REFCOUNT = 2;
    static final int OFF_KIND = 4;
    static final int OFF_MAJOR = 6;
    static final int OFF_GENERATION = 8;

    /** Outcome of reading one slot. */
    public enum SlotState { VALID, EMPTY, INVALID }

    private PageCodec() {
    }

    /** Stamps header fields and checksum into {@code page} (payload already filled). */
    public static void seal(byte[] page, int kind, long pageNumber, long generation) {
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(OFF_KIND, (short) kind);
        b.putShort(OFF_MAJOR, (short) 1);
        b.putLong(OFF_GENERATION, generation);
        b.putInt(0, checksum(page, kind, pageNumber));
    }

    public static SlotState check(byte[] page, int kind, long pageNumber) {
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getShort(OFF_KIND) == kind && b.getShort(OFF_MAJOR) == 1
                && b.getInt(0) == checksum(page, kind, pageNumber)) {
            return SlotState.VALID;
        }
        for (byte x : page) {
            if (x != 0) {
                return SlotState.INVALID;
            }
        }
        return SlotState.EMPTY;
    }

    public static long generation(byte[] page) {
        return ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).getLong(OFF_GENERATION);
    }

    private static int checksum(byte[] page, int kind, long pageNumber) {
        CRC32C crc = new CRC32C();
        ByteBuffer seed = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        seed.putInt(kind).putLong(pageNumber);
        crc.update(seed.array());
        crc.update(page, 4, Geometry.BLOCK - 4);
        return (int) crc.getValue();
    }
}
