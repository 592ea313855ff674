package org.jlvm.pool.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
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
 * <p>Thread-safe. The cache is split into shards by block number, each an LRU under its own monitor (one shard
 * for caches under {@value #BLOCKS_PER_SHARD_MIN} blocks a shard), so concurrent lookups in different blocks rarely
 * wait for each other; a miss reads the device under its shard's monitor only. A block is pinned while a
 * {@link Block} for it is open; pinned blocks are never evicted. Memory is bounded by the cache size plus pinned
 * blocks.
 */
public final class BlockManager implements AutoCloseable {
    /** Size of every metadata block. */
    public static final int BLOCK_SIZE = 4096;
    /** A shard holds at least this many blocks; at most {@value #MAX_SHARDS} shards. */
    static final int BLOCKS_PER_SHARD_MIN = 512;
    private static final int MAX_SHARDS = 16;

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

    /** One LRU of blocks and its dirty set, guarded by its own monitor. */
    private static final class Shard {
        final LinkedHashMap<Long, Entry> cache = new LinkedHashMap<>(256, 0.75f, true);
        final HashMap<Long, Entry> dirty = new HashMap<>();
        final int capacity;

        Shard(int capacity) {
            this.capacity = capacity;
        }
    }

    private final BlockDevice device;
    private final Shard[] shards;
    private final int shardShift;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();

    /**
     * @param device the metadata device
     * @param cacheBytes upper bound of the cache (not counting pinned blocks); at least 64 blocks are kept
     */
    public BlockManager(BlockDevice device, long cacheBytes) {
        this.device = device;
        int capacity = (int) Math.max(64, Math.min(Integer.MAX_VALUE, cacheBytes / BLOCK_SIZE));
        int n = Integer.highestOneBit(Math.max(1, Math.min(MAX_SHARDS, capacity / BLOCKS_PER_SHARD_MIN)));
        shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard(capacity / n);
        }
        shardShift = 64 - Integer.numberOfTrailingZeros(n);
    }

    private Shard shard(long b) {
        return shards.length == 1 ? shards[0] : shards[(int) ((b * 0x9E3779B97F4A7C15L) >>> shardShift)];
    }

    public BlockDevice device() {
        return device;
    }

    /** Number of whole 4 KiB blocks on the device. */
    public long nrBlocks() {
        return device.size() / BLOCK_SIZE;
    }

    /** Reads and validates block {@code b}. */
    public Block read(long b, BlockValidator v) throws IOException {
        Shard s = shard(b);
        Entry e;
        synchronized (s) {
            e = load(s, b, v);
            e.pins++;
        }
        return new Block(this, e, false);
    }

    /** Reads block {@code b} for in-place modification (the caller must own it in this transaction). */
    public Block write(long b, BlockValidator v) throws IOException {
        Shard s = shard(b);
        Entry e;
        synchronized (s) {
            e = load(s, b, v);
            markDirty(s, e);
            e.validator = v;
            e.pins++;
        }
        return new Block(this, e, true);
    }

    /** A writable, zero-filled block at {@code b}; nothing is read. */
    public Block writeZeroed(long b, BlockValidator v) throws IOException {
        checkLocation(b);
        Shard s = shard(b);
        Entry e;
        synchronized (s) {
            e = s.cache.get(b);
            if (e == null) {
                e = new Entry(b, new byte[BLOCK_SIZE]);
                s.cache.put(b, e);
                evictIfNeeded(s);
            } else {
                java.util.Arrays.fill(e.data, (byte) 0);
            }
            e.validator = v;
            markDirty(s, e);
            e.pins++;
        }
        return new Block(this, e, true);
    }

    /** Reads raw bytes of a block without validation (for tools that scan damaged metadata). */
    public byte[] readRaw(long b) throws IOException {
        checkLocation(b);
        Shard s = shard(b);
        synchronized (s) {
            Entry e = s.cache.get(b);
            if (e != null) {
                return e.data.clone();
            }
        }
        byte[] data = new byte[BLOCK_SIZE];
        device.read(b * BLOCK_SIZE, ByteBuffer.wrap(data));
        reads.increment();
        return data;
    }

    private void checkLocation(long b) throws CorruptMetadataException {
        if (b < 0 || b >= nrBlocks()) {
            throw new CorruptMetadataException(b, "metadata device", "block " + b
                    + " is beyond the end of the metadata device (" + nrBlocks() + " blocks)");
        }
    }

    /** Finds or reads block {@code b}; the caller holds {@code s}. */
    private Entry load(Shard s, long b, BlockValidator v) throws IOException {
        Entry e = s.cache.get(b);
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
        reads.increment();
        v.check(b, data);
        e = new Entry(b, data);
        e.validator = v;
        s.cache.put(b, e);
        evictIfNeeded(s);
        return e;
    }

    void unpin(Entry e) {
        Shard s = shard(e.block);
        synchronized (s) {
            e.pins--;
            if (e.pins == 0 && s.cache.size() > s.capacity) {
                evictIfNeeded(s);
            }
        }
    }

    private void evictIfNeeded(Shard s) {
        if (s.cache.size() <= s.capacity) {
            return;
        }
        Iterator<Map.Entry<Long, Entry>> it = s.cache.entrySet().iterator();
        while (s.cache.size() > s.capacity && it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.pins > 0) {
                continue;
            }
            if (e.dirty) {
                try {
                    writeOut(s, e);
                } catch (IOException ex) {
                    // Keep it dirty in the cache; the error surfaces at the next flush.
                    continue;
                }
            }
            it.remove();
        }
    }

    private static void markDirty(Shard s, Entry e) {
        e.dirty = true;
        s.dirty.put(e.block, e);
    }

    /** Writes a dirty block out; the caller holds {@code s}. */
    private void writeOut(Shard s, Entry e) throws IOException {
        e.validator.prepareForWrite(e.block, e.data);
        device.write(e.block * BLOCK_SIZE, ByteBuffer.wrap(e.data));
        writes.increment();
        e.dirty = false;
        s.dirty.remove(e.block);
    }

    /**
     * Writes every dirty block (in block order) and flushes the device. The caller keeps writers out (the
     * transaction manager commits under its owner's exclusive lock); readers may go on.
     */
    public void flush() throws IOException {
        List<Entry> toWrite = new ArrayList<>();
        for (Shard s : shards) {
            synchronized (s) {
                toWrite.addAll(s.dirty.values());
            }
        }
        toWrite.sort((a, b) -> Long.compare(a.block, b.block));
        for (Entry e : toWrite) {
            Shard s = shard(e.block);
            synchronized (s) {
                if (e.dirty) {
                    writeOut(s, e);
                }
            }
        }
        device.flush();
    }

    /** Forgets every cached block, dropping dirty ones (abort). Pinned blocks must not exist. */
    public void invalidate() {
        for (Shard s : shards) {
            synchronized (s) {
                s.cache.clear();
                s.dirty.clear();
            }
        }
    }

    /** Number of dirty blocks in the cache. */
    public int dirtyCount() {
        int n = 0;
        for (Shard s : shards) {
            synchronized (s) {
                n += s.dirty.size();
            }
        }
        return n;
    }

    /** Blocks read from and written to the device so far. */
    public long[] ioCounts() {
        return new long[] {reads.sum(), writes.sum()};
    }

    @Override
    public void close() {
        invalidate();
    }
}
