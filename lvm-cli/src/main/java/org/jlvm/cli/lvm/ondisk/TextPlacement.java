package org.jlvm.cli.lvm.ondisk;

/**
 * Where lvm2 puts the next metadata text in an mda's circular buffer (positions relative to the mda start; the
 * buffer is {@code [512, mdaSize)}): the first text at 512; the next one after the committed one, rounded up to
 * 512, back to 512 when fewer than 512 bytes would remain; a text that passes the end wraps to 512. The new text
 * may not overlap the committed one, and is at most {@code (mdaSize - 512) / 2 - 512} bytes.
 */
final class TextPlacement {
    static final int ALIGN = 512;

    private TextPlacement() {
    }

    static long maxTextSize(long mdaSize) {
        return (mdaSize - MdaHeaderCodec.SIZE) / 2 - ALIGN;
    }

    /** Offset for the next text; {@code committed} is null when the area holds no (used) text. */
    static long nextOffset(RawLocn committed, long mdaSize) {
        if (committed == null) {
            return MdaHeaderCodec.SIZE;
        }
        long last = lastByte(committed, mdaSize);
        if (mdaSize - last < ALIGN) {
            return MdaHeaderCodec.SIZE;
        }
        long next = (last + 1 + ALIGN - 1) / ALIGN * ALIGN;
        return next > mdaSize - ALIGN ? MdaHeaderCodec.SIZE : next;
    }

    /** The last byte of a text (inclusive), after the wrap if it wraps. */
    static long lastByte(RawLocn r, long mdaSize) {
        if (r.wraps(mdaSize)) {
            return r.offset() + r.size() - mdaSize + MdaHeaderCodec.SIZE - 1;
        }
        return r.offset() + r.size() - 1;
    }

    /** True when the bytes of the two texts share a position. */
    static boolean overlaps(RawLocn a, RawLocn b, long mdaSize) {
        for (long[] x : pieces(a, mdaSize)) {
            for (long[] y : pieces(b, mdaSize)) {
                if (x[0] < y[1] && y[0] < x[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The one or two {@code [from, to)} ranges a text occupies. */
    static long[][] pieces(RawLocn r, long mdaSize) {
        if (!r.wraps(mdaSize)) {
            return new long[][] {{r.offset(), r.offset() + r.size()}};
        }
        long first = mdaSize - r.offset();
        return new long[][] {{r.offset(), mdaSize}, {MdaHeaderCodec.SIZE, MdaHeaderCodec.SIZE + r.size() - first}};
    }
}
