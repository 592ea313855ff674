package org.jlvm.tools.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;

/**
 * Hands out metadata blocks in ascending order from block 1 and writes them sequentially in 1 MiB batches.
 * Block 0 (the superblock) is written separately, last.
 */
final class BlockSink {
    static final int BS = MetadataFile.BLOCK_SIZE;
    private static final int BATCH = 256;

    private final MetadataFile out;
    private final long limit;
    private long next = 1;
    private final ByteBuffer batch = ByteBuffer.allocate(BATCH * BS);
    private long batchStart = 1;

    BlockSink(MetadataFile out, long limit) {
        this.out = out;
        this.limit = limit;
    }

    /** The number of the next block {@link #write} will use. */
    long next() {
        return next;
    }

    long limit() {
        return limit;
    }

    /** Appends a copy of {@code d} with its block number and checksum stamped; returns its location. */
    long write(byte[] d, int salt) throws ToolException {
        int off = reserve();
        System.arraycopy(d, 0, batch.array(), off, BS);
        return commit(salt);
    }

    /**
     * Zeroes the next block in the batch and returns its offset in {@link #array()}, to be filled in place
     * and then appended with {@link #commit(int)}.
     */
    int reserve() throws ToolException {
        if (next >= limit) {
            throw new ToolException("metadata device too small: more than " + limit + " blocks are needed");
        }
        int off = batch.position();
        // a copy of zeroes: an intrinsic for both compilers, where C1 runs Arrays.fill byte by byte
        System.arraycopy(ZERO, 0, batch.array(), off, BS);
        return off;
    }

    private static final byte[] ZERO = new byte[BS];

    /** The batch buffer that {@link #reserve()} offsets point into. */
    byte[] array() {
        return batch.array();
    }

    /** Stamps the block number and checksum into the reserved block and appends it; returns its location. */
    long commit(int salt) {
        long b = next;
        byte[] a = batch.array();
        int off = batch.position();
        putLong(a, off + 8, b);
        crc.reset();
        crc.update(a, off + 4, BS - 4);
        putInt(a, off, (int) crc.getValue() ^ 0xFFFFFFFF ^ salt);
        batch.position(off + BS);
        next++;
        if (!batch.hasRemaining()) {
            flush();
        }
        return b;
    }

    private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();

    /** Writes what is batched. */
    void flush() {
        int len = batch.position();
        try {
            out.writeBytes(batchStart * BS, batch.array(), 0, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.clear();
        batchStart = next;
    }

    /** Reads back a block that was already written (flushing first if it is still batched). */
    byte[] readBack(long b) throws IOException {
        if (b >= batchStart) {
            byte[] d = new byte[BS];
            System.arraycopy(batch.array(), (int) ((b - batchStart) * BS), d, 0, BS);
            return d;
        }
        return out.read(b);
    }

    static final java.lang.invoke.VarHandle LE64 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    static final java.lang.invoke.VarHandle LE32 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    static void putLong(byte[] d, int off, long v) {
        LE64.set(d, off, v);
    }

    static void putInt(byte[] d, int off, int v) {
        LE32.set(d, off, v);
    }
}
