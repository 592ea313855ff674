package org.jlvm.dedup.map;

import java.util.BitSet;

/**
 * An in-RAM table persisted as fixed-size pages in a {@link PageRegion}. Callers hold the device's metadata
 * lock for every method.
 */
public interface PagedTable {
    /** Number of pages. */
    int pages();

    /** Page kind stamped into each page header ({@code PageCodec.KIND_*}). */
    int kind();

    /** Fills the payload of {@code page} (bytes 16..4095 of {@code dst}). */
    void encode(int page, byte[] dst);

    /** Loads the payload of {@code page} from {@code src} (a validated page, or all zeroes for a new one). */
    void decode(int page, byte[] src);

    /** Neither copy of {@code page} is valid: fill it with values that make the loss visible. */
    void damaged(int page);

    /** Pages changed since the last commit (the caller clears it after a successful commit). */
    BitSet dirty();
}
