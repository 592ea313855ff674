package org.jlvm.cli.lvm.ondisk;

/**
 * A {@code raw_locn} slot of the mda header: text at {@code offset} (relative to the mda start) of {@code size}
 * bytes including the NUL, its CRC, and flags (bit 0 = {@link #IGNORED}).
 */
public record RawLocn(long offset, long size, int checksum, int flags) {
    /** {@code RAW_LOCN_IGNORED}: this mda is not used as a source of VG metadata. */
    public static final int IGNORED = 0x1;
    public static final RawLocn EMPTY = new RawLocn(0, 0, 0, 0);
    static final int BYTES = 24;

    public boolean isIgnored() {
        return (flags & IGNORED) != 0;
    }

    /** No text here (an orphan PV's mda). */
    public boolean isEmpty() {
        return offset == 0 && size == 0;
    }

    /** The text runs past the end of an mda of {@code mdaSize} bytes and continues at offset 512. */
    public boolean wraps(long mdaSize) {
        return offset + size > mdaSize;
    }

    public RawLocn withFlags(int newFlags) {
        return new RawLocn(offset, size, checksum, newFlags);
    }
}
