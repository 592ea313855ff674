package org.jlvm.dedup.index;

import java.util.concurrent.atomic.LongAdder;

/**
 * {@link FingerprintIndex} on two primitive arrays: 8-way set-associative, 12 bytes per slot (a 32-bit tag
 * from the name's first half, and the 64-bit location); the set number comes from the second half, so a
 * slot discriminates on about 32 + log2(sets) bits and the rare false match is caught by verification. A
 * full set evicts the way chosen by the name's second half (pseudo-random replacement, no extra RAM). Sets
 * are locked by striping.
 */
final class SetAssociativeIndex implements FingerprintIndex {
    private static final int WAYS = 8;
    private static final int STRIPES = 256;
    private final int[] tags;
    private final long[] locations;
    private final int setMask;
    private final Object[] locks = new Object[STRIPES];
    private final LongAdder entries = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    SetAssociativeIndex(int capacity) {
        int slots = Integer.highestOneBit(Math.max(WAYS, capacity));
        tags = new int[slots];
        locations = new long[slots];
        setMask = slots / WAYS - 1;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    private static int tagOf(Fingerprint name) {
        int t = (int) (name.h1() ^ (name.h1() >>> 32));
        return t == 0 ? 1 : t;
    }

    private int setOf(Fingerprint name) {
        return (int) (name.h2() ^ (name.h2() >>> 29)) & setMask;
    }

    @Override
    public long lookup(Fingerprint name) {
        int tag = tagOf(name);
        int set = setOf(name);
        int base = set * WAYS;
        synchronized (locks[set & (STRIPES - 1)]) {
            for (int i = base; i < base + WAYS; i++) {
                if (tags[i] == tag) {
                    hits.increment();
                    return locations[i];
                }
            }
        }
        misses.increment();
        return 0;
    }

    @Override
    public void put(Fingerprint name, long location) {
        if (location == 0) {
            throw new IllegalArgumentException("location 0 is reserved for 'unknown'");
        }
        int tag = tagOf(name);
        int set = setOf(name);
        int base = set * WAYS;
        synchronized (locks[set & (STRIPES - 1)]) {
            int free = -1;
            for (int i = base; i < base + WAYS; i++) {
                if (tags[i] == tag) {
                    locations[i] = location;
                    return;
                }
                if (tags[i] == 0 && free < 0) {
                    free = i;
                }
            }
            if (free < 0) {
                free = base + (int) (name.h2() >>> 61);
                evictions.increment();
            } else {
                entries.increment();
            }
            tags[free] = tag;
            locations[free] = location;
        }
    }

    @Override
    public void remove(Fingerprint name, long location) {
        int tag = tagOf(name);
        int set = setOf(name);
        int base = set * WAYS;
        synchronized (locks[set & (STRIPES - 1)]) {
            for (int i = base; i < base + WAYS; i++) {
                if (tags[i] == tag && locations[i] == location) {
                    tags[i] = 0;
                    locations[i] = 0;
                    entries.decrement();
                }
            }
        }
    }

    @Override
    public void clear() {
        for (int s = 0; s < STRIPES; s++) {
            synchronized (locks[s]) {
                for (int set = s; set <= setMask; set += STRIPES) {
                    for (int i = set * WAYS; i < set * WAYS + WAYS; i++) {
                        if (tags[i] != 0) {
                            entries.decrement();
                        }
                        tags[i] = 0;
                        locations[i] = 0;
                    }
                }
            }
        }
    }

    @Override
    public int capacity() {
        return tags.length;
    }

    @Override
    public long entries() {
        return entries.sum();
    }

    @Override
    public long hits() {
        return hits.sum();
    }

    @Override
    public long misses() {
        return misses.sum();
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    @Override
    public int bytesPerEntry() {
        return Integer.BYTES + Long.BYTES;
    }

    @Override
    public long tagAt(int slot) {
        synchronized (locks[(slot / WAYS) & (STRIPES - 1)]) {
            return Integer.toUnsignedLong(tags[slot]);
        }
    }

    @Override
    public long locationAt(int slot) {
        synchronized (locks[(slot / WAYS) & (STRIPES - 1)]) {
            return locations[slot];
        }
    }

    @Override
    public void restore(int slot, long tag, long location) {
        if (tag == 0 || (tag >>> 32) != 0 || location == 0 || slot < 0 || slot >= tags.length) {
            return;
        }
        synchronized (locks[(slot / WAYS) & (STRIPES - 1)]) {
            if (tags[slot] == 0) {
                entries.increment();
            }
            tags[slot] = (int) tag;
            locations[slot] = location;
        }
    }
}
