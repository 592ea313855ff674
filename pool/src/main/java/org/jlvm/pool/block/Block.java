package org.jlvm.pool.block;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A pinned 4 KiB metadata block. While open it stays in the cache; a writable block's changes reach disk
 * when the block manager flushes (or evicts) it. Close it (try-with-resources) when done; never keep the
 * data array after closing.
 */
public final class Block implements AutoCloseable {
    private final BlockManager owner;
    private final BlockManager.Entry entry;
    private final boolean writable;
    private ByteBuffer buf;
    private boolean closed;

    Block(BlockManager owner, BlockManager.Entry entry, boolean writable) {
        this.owner = owner;
        this.entry = entry;
        this.writable = writable;
    }

    /** The block's location on the metadata device. */
    public long location() {
        return entry.block;
    }

    /** The raw bytes. Modify only if {@link #isWritable()}. */
    public byte[] data() {
        return entry.data;
    }

    /** A little-endian view of {@link #data()} (absolute get/put only). */
    public ByteBuffer buf() {
        if (buf == null) {
            buf = ByteBuffer.wrap(entry.data).order(ByteOrder.LITTLE_ENDIAN);
        }
        return buf;
    }

    public boolean isWritable() {
        return writable;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            owner.unpin(entry);
        }
    }
}
