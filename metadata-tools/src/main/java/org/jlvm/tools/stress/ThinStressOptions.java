package org.jlvm.tools.stress;

import java.nio.file.Path;

/**
 * Settings of a thin_stress run.
 *
 * @param metadata the metadata file (created and formatted if absent)
 * @param dataBlocks data blocks of the (virtual) data device
 * @param seed random seed
 * @param ops number of random operations
 * @param dataBlockSize data block size in 512-byte sectors
 * @param metadataSize size of a new metadata file in bytes
 * @param crashEvery simulate a power cut every this many operations (0: never)
 */
public record ThinStressOptions(Path metadata, long dataBlocks, long seed, long ops, int dataBlockSize,
                                long metadataSize, long crashEvery) {
}
