package org.jlvm.dedup;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Content of recently stored or verified locations (map entries), so that a dedupe hit on recent data is
 * verified without a backing read and a decompression. Direct-mapped, fixed size, thread-safe.
 *
 * <p>Why entries stay correct: within one commit epoch no data block is reused (a block freed in the epoch
 * stays pending until the commit completes), so the bytes at a location cannot change. The device clears
 * the cache when a commit completes, under the metadata lock in the same step that makes the blocks freed
 * by that commit allocatable. A put that races the clear is still right: it is made while the putter holds
 * a reference to the location, so that location is not among the freed blocks.
 */
final class VerifyCache {
    private record Entry(long location, byte[] data) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    VerifyCache(int size) {
        int n = Integer.highestOneBit(Math.max(1, size));
        slots = new AtomicReferenceArray<>(n);
        mask = n - 1;
    }

    private int slotOf(long location) {
        long h = location;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    /** The cached 4096 bytes at {@code location} (do not modify), or null. */
    byte[] get(long location) {
        Entry e = slots.get(slotOf(location));
        return e != null && e.location() == location ? e.data() : null;
    }

    /** Remembers {@code data} (not copied; the caller hands it over) as the content at {@code location}. */
    void put(long location, byte[] data) {
        slots.set(slotOf(location), new Entry(location, data));
    }

    /** Forgets everything (after a commit). */
    void clear() {
        for (int i = 0; i < slots.length(); i++) {
            slots.set(i, null);
        }
    }
}
