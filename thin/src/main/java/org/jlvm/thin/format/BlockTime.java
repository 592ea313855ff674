package org.jlvm.thin.format;

/** A mapping value: data block in bits 63..24, pool time in bits 23..0. */
public record BlockTime(long block, int time) {
    public static final long MAX_BLOCK = (1L << 40) - 1;
    public static final int TIME_MASK = 0xFFFFFF;

    public long pack() {
        return (block << 24) | (time & TIME_MASK);
    }

    public static BlockTime unpack(long v) {
        return new BlockTime(v >>> 24, (int) (v & TIME_MASK));
    }

    public static long blockOf(long v) {
        return v >>> 24;
    }

    public static int timeOf(long v) {
        return (int) (v & TIME_MASK);
    }
}
