package org.jlvm.tools.stress;

import java.nio.file.Path;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;

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
 * @param data with data I/O ({@code --io}): the data file (created sparse if absent); null: metadata only
 * @param crashMode what survives a simulated power cut
 */
public record ThinStressOptions(Path metadata, long dataBlocks, long seed, long ops, int dataBlockSize,
                                long metadataSize, long crashEvery, Path data, CrashMode crashMode) {

    /** Metadata-only settings (no data I/O; crashes drop everything not flushed). */
    public ThinStressOptions(Path metadata, long dataBlocks, long seed, long ops, int dataBlockSize,
                             long metadataSize, long crashEvery) {
        this(metadata, dataBlocks, seed, ops, dataBlockSize, metadataSize, crashEvery, null, CrashMode.DROP_ALL);
    }

    /** Whether reads and writes go through thin volumes ({@code --io}). */
    public boolean io() {
        return data != null;
    }
}
