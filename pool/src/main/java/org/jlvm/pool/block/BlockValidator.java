package org.jlvm.pool.block;

import org.jlvm.pool.error.CorruptMetadataException;

/**
 * Checks a block read from disk and prepares one for writing (stamps its location and checksum), one per
 * block kind, as the kernel's {@code dm_block_validator}.
 */
public interface BlockValidator {
    /** Short name of the block kind, used in error messages ("btree node", "bitmap", ...). */
    String name();

    /** Stamps the block's own number and checksum into {@code data} before it is written at {@code block}. */
    void prepareForWrite(long block, byte[] data);

    /**
     * Rejects a block at the wrong location, with a bad checksum or impossible header values.
     *
     * @throws CorruptMetadataException naming the block, the kind, and expected versus actual
     */
    void check(long block, byte[] data) throws CorruptMetadataException;
}
