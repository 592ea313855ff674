package org.jlvm.pool.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.io.BlockDevice;

/**
 * Reads and writes 4 KiB metadata blocks through a bounded LRU cache (the kernel's dm-block-manager).
 *
 * <p>Reads are validated the first time a block comes in from disk (checksum with the kind's salt,
 * blocknr, kind-specific fields). Writable blocks are write-back: they reach the device on {@link #flush()}
 * or when evicted, stamped by their validator. Evicting a dirty block early is safe because the transaction
 * manager only hands out writable blocks that the committed superblock cannot reach.
 *
 * <p>Thread-safe: one monitor guards the cache. A block is pinned while a {@link Block} for it is open;
 * pinned blocks are never evicted. Memory is bounded by the cache size plus pinned blocks.
 */
public final class BlockManager implements AutoCloseable {
    /** Size of every metadata block. */
    public static final int BLOCK_SIZE = 4096;

    static final class Entry {
        final long block;
        final byte[] data;
        BlockValidator validator;
        boolean dirty;
        int pins;

        Entry(long block, byte[] data) {
            this.block = block;
            this.data = data;
        }
    }

    private final BlockDevice device;
    private final int capacity;
    private final LinkedHashMap<Long, Entry> cache = new LinkedHashMap<>(256, 0.75f, true);
    private final java.util.HashMap<Long, Entry> dirty = new java.util.HashMap<>();
    private long reads;
    private long writes;

    /**
     * @param device the metadata device
     * @param cacheBytes upper bound of the cache (not counting pinned blocks); at least 64 blocks are kept
     */
    public BlockManager(BlockDevice device, long cacheBytes) {
        this.device = device;
        this.capacity = (int) Math.max(64, Math.min(Integer.MAX_VALUE, cacheBytes / BLOCK_SIZE));
    }

    public BlockDevice device() {
        return device;
    }

    /** Number of whole 4 KiB blocks on the device. */
    public long nrBlocks() {
        return device.size() / BLOCK_SIZE;
    }

    /** Reads and validates block {@code b}. */
    public synchronized Block read(long b, BlockValidator v) throws IOException {
        Entry e = load(b, v);
        e.pins++;
        return new Block(this, e, false);
    }

    /** Reads block {@code b} for in-place modification (the caller must own it in this transaction). */
    public synchronized Block write(long b, BlockValidator v) throws IOException {
        Entry e = load(b, v);
        markDirty(e);
        e.validator = v;
        e.pins++;
        return new Block(this, e, true);
    }

    /** A writable, zero-filled block at {@code b}; nothing is read. */
    public synchronized Block writeZeroed(long b, BlockValidator v) throws IOException {
        checkLocation(b);
        Entry e = cache.get(b);
        if (e == null) {
            e = new Entry(b, new byte[BLOCK_SIZE]);
            cache.put(b, e);
            evictIfNeeded();
        } else {
            java.util.Arrays.fill(e.data, (byte) 0);
        }
        e.validator = v;
        markDirty(e);
        e.pins++;
        return new Block(this, e, true);
    }

    /** Reads raw bytes of a block without validation (for tools that scan damaged metadata). */
    public synchronized byte[] readRaw(long b) throws IOException {
        checkLocation(b);
        Entry e = cache.get(b);
        if (e != null) {
            return e.data.clone();
        }
        byte[] data = new byte[BLOCK_SIZE];
        device.read(b * BLOCK_SIZE, ByteBuffer.wrap(data));
        reads++;
        return data;
    }

    private void checkLocation(long b) throws CorruptMetadataException {
        if (b < 0 || b >= nrBlocks()) {
            throw new CorruptMetadataException(b, "metadata device", "block " + b
                    + " is beyond the end of the metadata device (" + nrBlocks() + " blocks)");
        }
    }

    private Entry load(long b, BlockValidator v) throws IOException {
        Entry e = cache.get(b);
        if (e != null) {
            if (e.validator != v) {
                if (!e.dirty) {
                    v.check(b, e.data);
                }
                e.validator = v;
            }
            return e;
        }
        checkLocation(b);
        byte[] data = new byte[BLOCK_SIZE];
        device.read(b * BLOCK_SIZE, ByteBuffer.wrap(data));
        reads++;
        v.check(b, data);
        e = new Entry(b, data);
        e.validator = v;
        cache.put(b, e);
        evictIfNeeded();
        return e;
    }

    synchronized void unpin(Entry e) {
        e.pins--;
        if (e.pins == 0 && cache.size() > capacity) {
            evictIfNeeded();
        }
    }

    private void evictIfNeeded() {
        if (cache.size() <= capacity) {
            return;
        }
        Iterator<Map.Entry<Long, Entry>> it = cache.entrySet().iterator();
        while (cache.size() > capacity && it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.pins > 0) {
                continue;
            }
            if (e.dirty) {
                try {
                    writeOut(e);
                } catch (IOException ex) {
                    // Keep it dirty in the cache; the error surfaces at the next flush.
                    continue;
                }
            }
            it.remove();
        }
    }

    private void markDirty(Entry e) {
        e.dirty = true;
        dirty.put(e.block, e);
    }

    private void writeOut(Entry e) throws IOException {
        e.validator.prepareForWrite(e.block, e.data);
        device.write(e.block * BLOCK_SIZE, ByteBuffer.wrap(e.data));
        writes++;
        e.dirty = false;
        dirty.remove(e.block);
    }

    /** Writes every dirty block (in block order) and flushes the device. */
    public synchronized void flush() throws IOException {
        List<Entry> toWrite = new ArrayList<>(dirty.values());
        toWrite.sort((a, b) -> Long.compare(a.block, b.block));
        for (Entry e : toWrite) {
            writeOut(e);
        }
        device.flush();
    }

    /** Forgets every cached block, dropping dirty ones (abort). Pinned blocks must not exist. */
    public synchronized void invalidate() {
        cache.clear();
        dirty.clear();
    }

    /** Number of dirty blocks in the cache. */
    public synchronized int dirtyCount() {
        return dirty.size();
    }

    /** Blocks read from and written to the device so far. */
    public synchronized long[] ioCounts() {
        return new long[] {reads, writes};
    }

    @Override
    public synchronized void close() {
        cache.clear();
        dirty.clear();
    }
}
