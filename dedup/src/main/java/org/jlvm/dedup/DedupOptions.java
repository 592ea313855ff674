package org.jlvm.dedup;

/**
 * How to format or open a {@link DedupDevice}.
 *
 * @param logicalBytes logical size (format only; a multiple of 4096, may exceed the backing size)
 * @param indexSlots fingerprint index slots (format only; 16 bytes of RAM each)
 * @param compression compress blocks that dedup does not eliminate
 * @param pureJavaLz4 use the pure-Java LZ4 even when the JNI library loads
 * @param readOnly open without writing anything (no repair of interrupted commits, writes refused)
 */
public record DedupOptions(long logicalBytes, int indexSlots, boolean compression, boolean pureJavaLz4,
        boolean readOnly) {

    public static final int DEFAULT_INDEX_SLOTS = 1 << 20;

    /** Defaults for formatting a device of the given logical size. */
    public static DedupOptions ofLogicalSize(long logicalBytes) {
        return new DedupOptions(logicalBytes, DEFAULT_INDEX_SLOTS, true, false, false);
    }

    /** Defaults for opening an existing device. */
    public static DedupOptions forOpen() {
        return new DedupOptions(0, DEFAULT_INDEX_SLOTS, true, false, false);
    }

    public DedupOptions withIndexSlots(int slots) {
        return new DedupOptions(logicalBytes, slots, compression, pureJavaLz4, readOnly);
    }

    public DedupOptions withCompression(boolean on) {
        return new DedupOptions(logicalBytes, indexSlots, on, pureJavaLz4, readOnly);
    }

    public DedupOptions withPureJavaLz4(boolean on) {
        return new DedupOptions(logicalBytes, indexSlots, compression, on, readOnly);
    }

    public DedupOptions withReadOnly(boolean on) {
        return new DedupOptions(logicalBytes, indexSlots, compression, pureJavaLz4, on);
    }
}
