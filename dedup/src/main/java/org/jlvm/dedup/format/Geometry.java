package org.jlvm.dedup.format;

import org.jlvm.pool.error.CorruptMetadataException;

/**
 * Computes and checks the region layout of a dedup device (all in 4 KiB blocks):
 * <pre>
 * [0] superblock copy 0  [1] superblock copy 1
 * [mapStart, +2*mapPages)   map pages, two slots each (page p slot s at mapStart + 2p + s)
 * [refStart, +2*refPages)   refcount pages, two slots each
 * [indexStart, +indexBlocks) persisted fingerprint index (header block + 16-byte slots)
 * [dataStart, +dataBlocks)  data blocks: raw blocks and packed blocks of compressed fragments
 * </pre>
 */
public final class Geometry {
    public static final int BLOCK = 4096;
    public static final int PAGE_HEADER = 16;
    public static final int PAGE_PAYLOAD = BLOCK - PAGE_HEADER;
    public static final int MAP_ENTRIES_PER_PAGE = PAGE_PAYLOAD / Long.BYTES;
    public static final int REFS_PER_PAGE = PAGE_PAYLOAD;
    public static final int INDEX_SLOT_BYTES = 16;

    private Geometry() {
    }

    /**
     * The layout for a backing device of {@code totalBlocks} blocks, a logical size of {@code logicalBlocks}
     * and an index of {@code indexSlots} slots. Throws if fewer than 16 data blocks remain.
     */
    public static Superblock layout(long totalBlocks, long logicalBlocks, long indexSlots) {
        if (logicalBlocks <= 0) {
            throw new IllegalArgumentException("logical size must be at least one block");
        }
        long mapPages = ceilDiv(logicalBlocks, MAP_ENTRIES_PER_PAGE);
        long indexBlocks = 1 + ceilDiv(indexSlots * INDEX_SLOT_BYTES, BLOCK);
        long mapStart = 2;
        long refStart = mapStart + 2 * mapPages;
        long rest = totalBlocks - refStart - indexBlocks;
        long refPages = ceilDiv(Math.max(rest, 0), REFS_PER_PAGE + 2);
        long dataBlocks = rest - 2 * refPages;
        if (dataBlocks < 16) {
            throw new IllegalArgumentException("backing device of " + totalBlocks + " blocks is too small for "
                    + logicalBlocks + " logical blocks: " + dataBlocks + " data blocks would remain");
        }
        if (dataBlocks > MapEntry.MAX_PBN) {
            throw new IllegalArgumentException("backing device too large: " + dataBlocks + " data blocks");
        }
        long indexStart = refStart + 2 * refPages;
        long dataStart = indexStart + indexBlocks;
        return new Superblock(0, logicalBlocks, totalBlocks, mapStart, mapPages, refStart, refPages, indexStart,
                indexBlocks, indexSlots, dataStart, dataBlocks, false, "");
    }

    /** Validates a decoded superblock's geometry against itself. */
    static void check(Superblock sb, long where) throws CorruptMetadataException {
        String problem = null;
        if (sb.mapStart() != 2) {
            problem = "map start " + sb.mapStart() + " != 2";
        } else if (sb.mapPages() != ceilDiv(sb.logicalBlocks(), MAP_ENTRIES_PER_PAGE) || sb.logicalBlocks() <= 0) {
            problem = "map pages " + sb.mapPages() + " do not fit logical blocks " + sb.logicalBlocks();
        } else if (sb.refStart() != sb.mapStart() + 2 * sb.mapPages()) {
            problem = "refcount start " + sb.refStart();
        } else if (sb.refPages() < ceilDiv(sb.dataBlocks(), REFS_PER_PAGE)) {
            problem = "refcount pages " + sb.refPages() + " too few for " + sb.dataBlocks() + " data blocks";
        } else if (sb.indexStart() != sb.refStart() + 2 * sb.refPages()) {
            problem = "index start " + sb.indexStart();
        } else if (sb.dataStart() != sb.indexStart() + sb.indexBlocks()) {
            problem = "data start " + sb.dataStart();
        } else if (sb.dataStart() + sb.dataBlocks() > sb.totalBlocks() || sb.dataBlocks() <= 0) {
            problem = "data region " + sb.dataStart() + "+" + sb.dataBlocks() + " beyond " + sb.totalBlocks();
        } else if (sb.indexBlocks() < 1 + ceilDiv(sb.indexSlots() * INDEX_SLOT_BYTES, BLOCK)) {
            problem = "index region " + sb.indexBlocks() + " blocks too small for " + sb.indexSlots() + " slots";
        }
        if (problem != null) {
            throw new CorruptMetadataException(where, "dedup superblock", "impossible geometry: " + problem);
        }
    }

    public static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
