package org.jlvm.thin.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.pool.block.BlockHeaderValidator;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.error.CorruptMetadataException;

/** Checks a thin superblock (or metadata-snapshot copy): checksum, blocknr, magic. */
public final class SuperblockValidator extends BlockHeaderValidator {
    public static final SuperblockValidator INSTANCE = new SuperblockValidator();

    private SuperblockValidator() {
        super("superblock", Checksums.SUPERBLOCK_SALT);
    }

    @Override
    protected void checkContent(long block, byte[] data) throws CorruptMetadataException {
        long magic = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(ThinSuperblock.OFF_MAGIC);
        if (magic != ThinSuperblock.MAGIC) {
            throw new CorruptMetadataException(block, name(), "magic", ThinSuperblock.MAGIC, magic);
        }
    }
}
