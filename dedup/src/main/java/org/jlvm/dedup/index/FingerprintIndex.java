package org.jlvm.dedup.index;

/**
 * Advisory map from a block's {@link Fingerprint} to where a block with that name was last stored (an opaque
 * non-zero {@code long} location, see {@code dedup.format.MapEntry}).
 *
 * <p>Contract: the index may forget entries (eviction when full), return stale locations, or be lost
 * entirely; callers must verify the bytes before sharing. RAM use is fixed at construction. All methods are
 * thread-safe.
 */
public interface FingerprintIndex {

    /** The location last stored for {@code name}, or 0 when unknown. Counts a hit or a miss. */
    long lookup(Fingerprint name);

    /** Remembers {@code location} (non-zero) for {@code name}, evicting another entry if its set is full. */
    void put(Fingerprint name, long location);

    /** Forgets {@code name} if it still maps to {@code location} (stale advice). */
    void remove(Fingerprint name, long location);

    /** Forgets everything. */
    void clear();

    /** Number of slots (the capacity). */
    int capacity();

    /** Entries held now. */
    long entries();

    long hits();

    long misses();

    long evictions();

    /** Bytes of RAM per slot. */
    int bytesPerEntry();

    /** Raw slot access, for persisting the index: tag (0 = empty; at most 64 bits) and location. */
    long tagAt(int slot);

    long locationAt(int slot);

    /** Restores one persisted slot; ignores it if the tag or location is 0. */
    void restore(int slot, long tag, long location);

    /** A set-associative table of {@code capacity} slots (rounded down to a power of two, at least 8). */
    static FingerprintIndex withCapacity(int capacity) {
        return new SetAssociativeIndex(capacity);
    }
}
