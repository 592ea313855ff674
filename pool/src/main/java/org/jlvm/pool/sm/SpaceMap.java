package org.jlvm.pool.sm;

import java.io.IOException;

/**
 * Reference counts of the blocks of one device (metadata or data), as the kernel's {@code dm_space_map}.
 *
 * <p>Contract:
 * <ul>
 *   <li>A count of 0 means free. Counts are 32-bit unsigned; {@link #dec} of a free block is an
 *       {@link IllegalStateException}.</li>
 *   <li>{@link #newBlock} returns a block that is free both now and in the last committed state, so a
 *       block freed in the current transaction is never reused before it commits; its count becomes 1.</li>
 *   <li>Changes are durable only through the owner's commit, which writes the map and returns its root.</li>
 *   <li>Not thread-safe: the owner (transaction manager / pool metadata) serialises access.</li>
 * </ul>
 */
public interface SpaceMap {
    /** Number of blocks covered. */
    long nrBlocks();

    /** Blocks with a count greater than zero, now. */
    long nrAllocated();

    /** Blocks with count zero, now. */
    default long nrFree() {
        return nrBlocks() - nrAllocated();
    }

    /** Current count of {@code b}. */
    long count(long b) throws IOException;

    /** Adds one reference to {@code b}. */
    void inc(long b) throws IOException;

    /** Drops one reference from {@code b}. */
    void dec(long b) throws IOException;

    /**
     * Allocates a block, free now and at the last commit, with count 1.
     *
     * @throws org.jlvm.pool.error.NoSpaceException when there is none
     */
    long newBlock() throws IOException;

    /** Grows the map by {@code extra} blocks (all free). */
    void extend(long extra) throws IOException;
}
