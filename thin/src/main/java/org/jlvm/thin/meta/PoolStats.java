package org.jlvm.thin.meta;

/** Pool-wide counters, as the kernel's thin-pool status line reports them. */
public record PoolStats(long transactionId, int time, long heldRoot, long metadataBlocks, long metadataUsed,
                        long dataBlocks, long dataUsed, int dataBlockSize, boolean needsCheck) {
}
