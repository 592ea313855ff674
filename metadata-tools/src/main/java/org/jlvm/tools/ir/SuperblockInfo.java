package org.jlvm.tools.ir;

/** The superblock as the XML and human-readable formats see it. {@code metadataSnap} may be null. */
public record SuperblockInfo(String uuid, long time, long transaction, long flags, long version,
        long dataBlockSize, long nrDataBlocks, Long metadataSnap) {
}
