package org.jlvm.dedup.format;

/**
 * Encoding of one logical block's mapping (and of a fingerprint index location) in a {@code long}, as stored
 * in map pages (little-endian u64).
 *
 * <pre>
 * bits 63-62 kind: 0 unmapped, 1 zero block (only the value 1 << 62), 2 raw data block, 3 compressed fragment
 * bits 37-0  data block number (PBN, relative to the data region)
 * bits 49-38 fragment offset in the packed block's payload (kind 3)
 * bits 61-50 fragment length in bytes, 1..4095 (kind 3)
 * </pre>
 * The all-zero value is "unmapped", so a never-written map page reads as an unmapped range.
 */
public final class MapEntry {
    public static final long UNMAPPED = 0;
    public static final long ZERO = 1L << 62;
    /**
     * In RAM only: the entry's map page could not be read (both copies damaged). Reads fail; an offline
     * rebuild turns it into {@link #UNMAPPED}.
     */
    public static final long DAMAGED = (1L << 62) | 1;
    public static final int KIND_UNMAPPED = 0;
    public static final int KIND_ZERO = 1;
    public static final int KIND_RAW = 2;
    public static final int KIND_COMPRESSED = 3;
    public static final long MAX_PBN = (1L << 38) - 1;
    private static final long PBN_MASK = MAX_PBN;

    private MapEntry() {
    }

    public static long raw(long pbn) {
        checkPbn(pbn);
        return (2L << 62) | pbn;
    }

    public static long compressed(long pbn, int offset, int length) {
        checkPbn(pbn);
        if (offset < 0 || offset >= 4096 || length <= 0 || length >= 4096) {
            throw new IllegalArgumentException("fragment offset " + offset + " length " + length);
        }
        return (3L << 62) | ((long) length << 50) | ((long) offset << 38) | pbn;
    }

    public static int kind(long entry) {
        return (int) (entry >>> 62);
    }

    public static long pbn(long entry) {
        return entry & PBN_MASK;
    }

    public static int offset(long entry) {
        return (int) ((entry >>> 38) & 0xfff);
    }

    public static int length(long entry) {
        return (int) ((entry >>> 50) & 0xfff);
    }

    /** True for entries that reference data blocks (raw or compressed). */
    public static boolean holdsData(long entry) {
        return kind(entry) >= KIND_RAW;
    }

    public static String describe(long entry) {
        return switch (kind(entry)) {
            case KIND_UNMAPPED -> "unmapped";
            case KIND_ZERO -> entry == DAMAGED ? "damaged" : "zero";
            case KIND_RAW -> "raw pbn " + pbn(entry);
            default -> "fragment pbn " + pbn(entry) + " offset " + offset(entry) + " length " + length(entry);
        };
    }

    private static void checkPbn(long pbn) {
        if (pbn < 0 || pbn > MAX_PBN) {
            throw new IllegalArgumentException("pbn " + pbn + " out of range");
        }
    }
}
