package org.jlvm.dedup;

/**
 * How to format or open a {@link DedupDevice}.
 *
 * @param logicalBytes logical size (format only; a multiple of 4096, may exceed the backing size)
 * @param indexSlots fingerprint index slots (format only; 12 bytes of RAM and 16 of disk each; 0 = automatic:
 *        one slot per backing block, rounded down to a power of two, between 1024 and 2^22)
 * @param compression compress blocks that dedup does not eliminate
 * @param pureJavaLz4 use the pure-Java LZ4 even when the JNI library loads
 * @param readOnly open without writing anything (no repair of interrupted commits, writes refused)
 * @param packerMaxWaitMillis how long the packer's open block may wait for more fragments before it is written
 *        (written, not durable: that still takes a flush); 0 = until the next flush
 */
public record DedupOptions(long logicalBytes, int indexSlots, boolean compression, boolean pureJavaLz4,
        boolean readOnly, long packerMaxWaitMillis) {

    /** Default {@link #packerMaxWaitMillis()}. */
    public static final long DEFAULT_PACKER_MAX_WAIT_MILLIS = 100;

    public DedupOptions {
        if (packerMaxWaitMillis < 0) {
            throw new IllegalArgumentException("packer maximum wait " + packerMaxWaitMillis + " ms");
        }
    }

    /** Automatic index sizing. */
    public static final int AUTO_INDEX_SLOTS = 0;
    static final int MAX_AUTO_INDEX_SLOTS = 1 << 22;

    /** Defaults for formatting a device of the given logical size. */
    public static DedupOptions ofLogicalSize(long logicalBytes) {
        return new DedupOptions(logicalBytes, AUTO_INDEX_SLOTS, true, false, false,
                DEFAULT_PACKER_MAX_WAIT_MILLIS);
    }

    /** Defaults for opening an existing device. */
    public static DedupOptions forOpen() {
        return new DedupOptions(0, AUTO_INDEX_SLOTS, true, false, false, DEFAULT_PACKER_MAX_WAIT_MILLIS);
    }

    /** The index slots to format with for a backing device of {@code backingBlocks} blocks. */
    long indexSlotsFor(long backingBlocks) {
        if (indexSlots > 0) {
            return indexSlots;
        }
        long n = Math.max(1024, Math.min(MAX_AUTO_INDEX_SLOTS, backingBlocks));
        return Long.highestOneBit(n);
    }

    public DedupOptions withIndexSlots(int slots) {
        return new DedupOptions(logicalBytes, slots, compression, pureJavaLz4, readOnly, packerMaxWaitMillis);
    }

    public DedupOptions withCompression(boolean on) {
        return new DedupOptions(logicalBytes, indexSlots, on, pureJavaLz4, readOnly, packerMaxWaitMillis);
    }

    public DedupOptions withPureJavaLz4(boolean on) {
        return new DedupOptions(logicalBytes, indexSlots, compression, on, readOnly, packerMaxWaitMillis);
    }

    /** The packer's maximum wait in milliseconds (0: the open block waits for the next flush). */
    public DedupOptions withPackerMaxWaitMillis(long millis) {
        return new DedupOptions(logicalBytes, indexSlots, compression, pureJavaLz4, readOnly, millis);
    }

    public DedupOptions withReadOnly(boolean on) {
        return new DedupOptions(logicalBytes, indexSlots, compression, pureJavaLz4, on, packerMaxWaitMillis);
    }
}
