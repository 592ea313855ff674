package org.jlvm.dedup;

/**
 * A snapshot of a {@link DedupDevice}'s counters, named after {@code vdostats --verbose} where one exists.
 * Block counts are in 4 KiB blocks. {@code fuaWrites} counts {@link DedupDevice#writeFua} calls that stored
 * their data; {@code packerTimeouts} counts open packed blocks written because they waited longer than
 * {@link DedupOptions#packerMaxWaitMillis()}.
 */
public record DedupStatistics(
        long physicalBlocks,
        long logicalBlocks,
        long dataBlocksUsed,
        long overheadBlocksUsed,
        long logicalBlocksUsed,
        long dataBlocksPendingFree,
        long blockSize,
        String operatingMode,
        String readOnlyReason,
        long writesReceived,
        long readsReceived,
        long zeroBlocksWritten,
        long dedupeAdviceValid,
        long dedupeAdviceStale,
        long concurrentDataMatches,
        long rolloverCopies,
        long compressedFragmentsWritten,
        long compressedBlocksWritten,
        long compressedFragmentsInPacker,
        long rawBlocksWritten,
        long indexEntries,
        long indexCapacity,
        long indexHits,
        long indexMisses,
        long indexEvictions,
        int indexBytesPerEntry,
        long commits,
        long metadataBlocksWritten,
        long discardedBlocks,
        long noSpaceErrors,
        long readOnlyErrors,
        long verifyCacheHits,
        String codec,
        long fuaWrites,
        long packerTimeouts) {

    /** Physical blocks in use: data plus overhead (vdostats "Used"). */
    public long usedBlocks() {
        return dataBlocksUsed + overheadBlocksUsed;
    }

    /** vdostats "Space saving%": (logical used − data used) / logical used, or -1 when nothing is used. */
    public int savingPercent() {
        if (logicalBlocksUsed == 0) {
            return -1;
        }
        return (int) Math.floor(100.0 * (logicalBlocksUsed - dataBlocksUsed) / logicalBlocksUsed);
    }

    /** Percentage of physical blocks used (data + overhead). */
    public int usedPercent() {
        return (int) Math.ceil(100.0 * usedBlocks() / physicalBlocks);
    }

    /** (data + metadata block writes) / 4 KiB blocks written by users; 0 before any write. */
    public double writeAmplification() {
        long writes = writesReceived;
        return writes == 0 ? 0 : (double) (rawBlocksWritten + compressedBlocksWritten + metadataBlocksWritten)
                / writes;
    }
}
