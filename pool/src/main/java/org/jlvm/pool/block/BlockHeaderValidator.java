package org.jlvm.pool.block;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.pool.error.CorruptMetadataException;

/**
 * The validator shared by every block kind that starts with {@code csum u32, flags u32, blocknr u64}: checks
 * the checksum with the kind's salt and the blocknr field; subclasses may check more.
 */
public class BlockHeaderValidator implements BlockValidator {
    /** Offset of the blocknr field. */
    public static final int BLOCKNR_OFFSET = 8;
    private final String name;
    private final int salt;

    public BlockHeaderValidator(String name, int salt) {
        this.name = name;
        this.salt = salt;
    }

    @Override
    public String name() {
        return name;
    }

    public int salt() {
        return salt;
    }

    @Override
    public void prepareForWrite(long block, byte[] data) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(BLOCKNR_OFFSET, block);
        Checksums.stamp(data, salt);
    }

    @Override
    public void check(long block, byte[] data) throws CorruptMetadataException {
        long blocknr = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(BLOCKNR_OFFSET);
        if (blocknr != block) {
            throw new CorruptMetadataException(block, name, "blocknr", block, blocknr);
        }
        int stored = Checksums.stored(data);
        int want = Checksums.compute(data, salt);
        if (stored != want) {
            throw new CorruptMetadataException(block, name, String.format(
                    "checksum 0x%08x != expected 0x%08x", stored, want));
        }
        checkContent(block, data);
    }

    /** Further checks of the block's own fields; the header is already valid. */
    protected void checkContent(long block, byte[] data) throws CorruptMetadataException {
    }
}
