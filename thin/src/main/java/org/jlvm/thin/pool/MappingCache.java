package org.jlvm.thin.pool;

import org.jlvm.thin.format.BlockTime;

/**
 * A bounded, direct-mapped cache of (device, virtual block) → mapping in front of the metadata B-tree, so reads
 * and in-place overwrites of mapped blocks usually skip the B-tree walk.
 *
 * <p>Correctness rests on the block stripe locks ({@link BlockLocks}): an entry for a key is written only by a
 * thread holding that key's stripe (shared: filling after a lookup, which cannot race with a remap; exclusive:
 * dropping after a remap or unmap), and read only by a thread holding it, so the lock orders every access for one
 * key. Keys that share a slot just evict each other. Devices are identified by their gate (a recreated device id
 * gets a new gate), and {@link #invalidateAll} (after an abort returned the metadata to its last commit) makes
 * every older entry invisible, including one being filled by a lookup that started before the abort.
 */
final class MappingCache {
    /** What {@link #get} returns for a key known to be unmapped. */
    static final BlockTime UNMAPPED = new BlockTime(-1, 0);

    private record Entry(long gateId, long vblock, long generation, BlockTime mapping) {
    }

    private final Entry[] slots;
    private final int mask;
    private volatile long generation;

    MappingCache(int slotsPowerOfTwo) {
        if (Integer.bitCount(slotsPowerOfTwo) != 1) {
            throw new IllegalArgumentException("slot count must be a power of two, not " + slotsPowerOfTwo);
        }
        slots = new Entry[slotsPowerOfTwo];
        mask = slotsPowerOfTwo - 1;
    }

    private int slot(long gateId, long vblock) {
        long h = (gateId * 0x9E3779B97F4A7C15L) ^ (vblock * 0xC2B2AE3D27D4EB4FL);
        return (int) ((h ^ (h >>> 29)) & mask);
    }

    /** The generation to pass to {@link #put}; read it before the metadata lookup. */
    long generation() {
        return generation;
    }

    /** The cached mapping, {@link #UNMAPPED}, or null when not cached. The caller holds the key's stripe. */
    BlockTime get(long gateId, long vblock) {
        Entry e = slots[slot(gateId, vblock)];
        if (e == null || e.gateId != gateId || e.vblock != vblock || e.generation != generation) {
            return null;
        }
        return e.mapping == null ? UNMAPPED : e.mapping;
    }

    /** Caches a lookup result (null = unmapped). The caller holds the key's stripe. */
    void put(long gateId, long vblock, BlockTime mapping, long generationBeforeLookup) {
        slots[slot(gateId, vblock)] = new Entry(gateId, vblock, generationBeforeLookup, mapping);
    }

    /** Forgets a key whose mapping changed. The caller holds the key's stripe exclusively. */
    void drop(long gateId, long vblock) {
        slots[slot(gateId, vblock)] = null;
    }

    /** Makes every entry invisible. */
    synchronized void invalidateAll() {
        generation++;
    }
}
