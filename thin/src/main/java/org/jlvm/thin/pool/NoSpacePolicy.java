package org.jlvm.thin.pool;

/** What a write that needs a new data block does when the data device is full. */
public enum NoSpacePolicy {
    /** Wait for space (resize, or discards and a commit) up to the configured timeout, then fail. */
    QUEUE,
    /** Fail at once with {@link org.jlvm.pool.error.NoSpaceException} ({@code error_if_no_space}). */
    ERROR
}
