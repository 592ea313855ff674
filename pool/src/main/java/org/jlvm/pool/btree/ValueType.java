package org.jlvm.pool.btree;

import java.io.IOException;

/**
 * How a B-tree's leaf values are counted, as the kernel's {@code dm_btree_value_type}. Values are raw
 * little-endian bytes of {@link #size()} length at an offset inside a node's data.
 *
 * <p>{@link #inc} is called when a shared leaf is copied (every value gains a reference through the copy);
 * {@link #dec} when a value is removed or overwritten by an unequal one, or its leaf is deleted.
 */
public interface ValueType {
    /** Bytes per value. */
    int size();

    /** Adds a reference to whatever the value at {@code data[off..]} refers to. */
    default void inc(byte[] data, int off) throws IOException {
    }

    /** Drops a reference from whatever the value refers to. */
    default void dec(byte[] data, int off) throws IOException {
    }

    /** Whether two values refer to the same thing (an overwrite with an equal value changes no count). */
    default boolean equal(byte[] a, int aOff, byte[] b, int bOff) {
        return java.util.Arrays.equals(a, aOff, aOff + size(), b, bOff, bOff + size());
    }

    /** A value type whose values refer to nothing. */
    static ValueType plain(int size) {
        return () -> size;
    }
}
