package org.jlvm.tools.pack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.tools.ir.ToolException;

/**
 * The thin-provisioning-tools 1.x pack file layout. A 32-byte header of four little-endian u64s (magic, version
 * 3, block size 4096, number of blocks of the packed image), then chunks until the end of the file: a u64 length
 * and that many bytes of one zlib stream. A chunk decompresses to entries: a u64 block number followed by the
 * block encoded for {@link VmDecoder} (exactly 4096 bytes when run).
 */
final class PackFormat {
    static final long MAGIC = 0xa537a0aa6309ef77L;
    static final long VERSION = 3;
    static final int BLOCK_SIZE = 4096;
    static final int HEADER_SIZE = 32;
    /** Blocks per chunk, as 1.x writes them. */
    static final int ENTRIES_PER_CHUNK = 1024;
    /** Largest chunk we accept (1.x chunks are at most about 4 MiB). */
    static final long MAX_CHUNK = 1L << 30;
    /** Largest block count whose image size fits a signed 64-bit offset. */
    static final long MAX_BLOCKS = Long.MAX_VALUE / BLOCK_SIZE;

    private PackFormat() {
    }

    static byte[] header(long nrBlocks) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(MAGIC).putLong(VERSION).putLong(BLOCK_SIZE).putLong(nrBlocks);
        return b.array();
    }

    /**
     * The image's block count from the first {@code n} bytes of a pack file (n may be short); 1.x's wording for
     * a file that is not a pack.
     */
    static long nrBlocks(byte[] h, int n, String name) throws ToolException {
        ByteBuffer b = ByteBuffer.wrap(h, 0, n).order(ByteOrder.LITTLE_ENDIAN);
        if (n < 8 || b.getLong(0) != MAGIC) {
            throw new ToolException("Not a pack file: " + name);
        }
        if (n < HEADER_SIZE) {
            throw new ToolException("Truncated pack file: " + name + " ends inside the header");
        }
        long version = b.getLong(8);
        if (version != VERSION) {
            throw new ToolException("unsupported pack file version (" + Long.toUnsignedString(version) + "): "
                    + name);
        }
        if (b.getLong(16) != BLOCK_SIZE) {
            throw new ToolException("block size is not " + BLOCK_SIZE + ": " + name);
        }
        long nr = b.getLong(24);
        if (nr < 0 || nr > MAX_BLOCKS) {
            throw new ToolException("Corrupt pack file: " + name + " claims " + Long.toUnsignedString(nr)
                    + " blocks");
        }
        return nr;
    }
}
