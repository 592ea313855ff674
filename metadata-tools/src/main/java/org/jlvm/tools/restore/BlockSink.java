package org.jlvm.tools.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.jlvm.pool.block.Checksums;
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

    /** Stamps the block number and checksum into {@code d} and appends it; returns its location. */
    long write(byte[] d, int salt) throws ToolException {
        long b = next;
        if (b >= limit) {
            throw new ToolException("metadata device too small: more than " + limit + " blocks are needed");
        }
        putLong(d, 8, b);
        Checksums.stamp(d, salt);
        batch.put(d);
        next++;
        if (!batch.hasRemaining()) {
            flush();
        }
        return b;
    }

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
