package org.jlvm.dedup.format;

/**
 * The dedup device's superblock (two copies, blocks 0 and 1; the copy for generation {@code g} is block
 * {@code g % 2}). It fixes the geometry and names the last committed generation. Layout in
 * {@link SuperblockCodec}; the whole on-disk format is described in {@code dedup/DESIGN.md}.
 *
 * @param generation last committed generation (pages with a higher generation are ignored)
 * @param logicalBlocks size of the logical device in 4 KiB blocks
 * @param totalBlocks 4 KiB blocks of the backing device covered by the layout
 * @param mapStart first block of the map region (2 slots per map page)
 * @param mapPages number of map pages ({@link Geometry#MAP_ENTRIES_PER_PAGE} entries each)
 * @param refStart first block of the refcount region (2 slots per page)
 * @param refPages number of refcount pages ({@link Geometry#REFS_PER_PAGE} counts each)
 * @param indexStart first block of the persisted fingerprint index
 * @param indexBlocks blocks in the index region (a header block, then 16-byte slots)
 * @param indexSlots slots of the in-RAM index
 * @param dataStart first data block (PBN 0)
 * @param dataBlocks number of data blocks
 * @param readOnly true once an inconsistency was detected; cleared only by an offline rebuild
 * @param readOnlyReason why, at most {@link SuperblockCodec#MAX_REASON} bytes of UTF-8
 */
public record Superblock(long generation, long logicalBlocks, long totalBlocks, long mapStart, long mapPages,
        long refStart, long refPages, long indexStart, long indexBlocks, long indexSlots, long dataStart,
        long dataBlocks, boolean readOnly, String readOnlyReason) {

    public Superblock withGeneration(long g) {
        return new Superblock(g, logicalBlocks, totalBlocks, mapStart, mapPages, refStart, refPages, indexStart,
                indexBlocks, indexSlots, dataStart, dataBlocks, readOnly, readOnlyReason);
    }

    public Superblock withReadOnly(boolean ro, String reason) {
        return new Superblock(generation, logicalBlocks, totalBlocks, mapStart, mapPages, refStart, refPages,
                indexStart, indexBlocks, indexSlots, dataStart, dataBlocks, ro, ro ? reason : "");
    }

    /** Blocks used by metadata (everything but the data region). */
    public long overheadBlocks() {
        return dataStart;
    }
}
