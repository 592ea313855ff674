package org.jlvm.thin.pool;

import java.util.concurrent.ThreadLocalRandom;
import org.jlvm.thin.format.BlockTime;

/**
 * A bounded, 4-way set-associative cache of (device, virtual block) → mapping in front of the metadata B-tree,
 * so reads and in-place overwrites of mapped blocks usually skip the B-tree walk. Memory: about 48 bytes an
 * entry once full.
 *
 * <p>Correctness rests on the block stripe locks ({@link BlockLocks}): entries for a key are written only by a
 * thread holding that key's stripe (shared: filling after a lookup, which cannot race with a remap, so two
 * fillers store the same value; exclusive: replacing or dropping after a remap or unmap), and read only by a
 * thread holding it, so the lock orders every access for one key. {@link #drop} and {@link #put} clear every
 * way holding the key, so no older entry can survive a change. Entries are immutable and published by a single
 * reference store, so a reader never sees half of one; keys that share a set just evict each other. Devices
 * are identified by their gate (a recreated device id gets a new gate), and {@link #invalidateAll} (after an
 * abort returned the metadata to its last commit) makes every older entry invisible, including one being filled
 * by a lookup that started before the abort.
 */
final class MappingCache {
    /** What {@link #get} returns for a key known to be unmapped. */
    static final BlockTime UNMAPPED = new BlockTime(-1, 0);
    private static final int WAYS = 4;
    private static final long NO_MAPPING = -1;

    private record Entry(long gateId, long vblock, long generation, long packed) {
        boolean is(long g, long vb) {
            return gateId == g && vblock == vb;
        }
    }

    private final Entry[] slots;
    private final int setMask;
    private volatile long generation;

    /** @param entries capacity, a power of two of at least {@value #WAYS} */
    MappingCache(int entries) {
        if (Integer.bitCount(entries) != 1 || entries < WAYS) {
            throw new IllegalArgumentException("mapping cache size must be a power of two of at least " + WAYS
                    + ", not " + entries);
        }
        slots = new Entry[entries];
        setMask = entries / WAYS - 1;
    }

    private int set(long gateId, long vblock) {
        long h = (gateId * 0x9E3779B97F4A7C15L) ^ (vblock * 0xC2B2AE3D27D4EB4FL);
        return (int) ((h ^ (h >>> 29)) & setMask) * WAYS;
    }

    /** The generation to pass to {@link #put}; read it before the metadata lookup. */
    long generation() {
        return generation;
    }

    /** The cached mapping, {@link #UNMAPPED}, or null when not cached. The caller holds the key's stripe. */
    BlockTime get(long gateId, long vblock) {
        int base = set(gateId, vblock);
        long gen = generation;
        for (int i = base; i < base + WAYS; i++) {
            Entry e = slots[i];
            if (e != null && e.is(gateId, vblock) && e.generation == gen) {
                return e.packed == NO_MAPPING ? UNMAPPED : BlockTime.unpack(e.packed);
            }
        }
        return null;
    }

    /**
     * Caches a mapping (null = unmapped) found by a lookup, or just made by a remap. The caller holds the key's
     * stripe; {@code generationBefore} was read before the lookup or change.
     */
    void put(long gateId, long vblock, BlockTime mapping, long generationBefore) {
        int base = set(gateId, vblock);
        int victim = -1;
        for (int i = base; i < base + WAYS; i++) {
            Entry e = slots[i];
            if (e == null || e.is(gateId, vblock) || e.generation != generation) {
                if (victim < 0) {
                    victim = i;
                } else if (e != null && e.is(gateId, vblock)) {
                    slots[i] = null;
                }
            }
        }
        if (victim < 0) {
            victim = base + ThreadLocalRandom.current().nextInt(WAYS);
        }
        slots[victim] = new Entry(gateId, vblock, generationBefore, mapping == null ? NO_MAPPING : mapping.pack());
    }

    /** Forgets a key whose mapping changed. The caller holds the key's stripe exclusively. */
    void drop(long gateId, long vblock) {
        int base = set(gateId, vblock);
        for (int i = base; i < base + WAYS; i++) {
            Entry e = slots[i];
            if (e != null && e.is(gateId, vblock)) {
                slots[i] = null;
            }
        }
    }

    /** Makes every entry invisible. */
    synchronized void invalidateAll() {
        generation++;
    }
}
