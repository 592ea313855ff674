package org.jlvm.cli.nbd;

import java.io.IOException;

/**
 * Where an export's device has allocated storage, for {@code base:allocation} block status and for sending holes
 * in structured reads. Thread-safe; answers may be stale as soon as they are returned (like any block status).
 */
public interface AllocationMap {

    /** A run of bytes with one status. {@code length} is positive. */
    record Extent(long length, boolean allocated) {
        public Extent {
            if (length <= 0) {
                throw new IllegalArgumentException("extent length " + length + " is not positive");
            }
        }
    }

    /**
     * The status of the bytes from {@code offset}: one extent starting at {@code offset}, at most {@code maxLength}
     * long (it may be shorter: the caller asks again from where it ends). An unallocated extent reads as zeroes.
     *
     * @param maxLength positive, and {@code offset + maxLength} lies within the device
     */
    Extent extentAt(long offset, long maxLength) throws IOException;
}
