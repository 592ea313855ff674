package org.jlvm.tools.dump;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Text built in a buffer and handed to the output in large pieces (the emitters' output path). */
final class TextSink {
    private static final int SPILL_AT = 60_000;
    private final Appendable out;
    private final StringBuilder buf = new StringBuilder(1 << 16);

    TextSink(Appendable out) {
        this.out = out;
    }

    /** The buffer, for callers that append several pieces; call {@link #spill()} afterwards. */
    StringBuilder buffer() {
        return buf;
    }

    void write(CharSequence s) {
        if (s.length() < SPILL_AT) {
            buf.append(s);
            spill();
            return;
        }
        flush();
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands the buffer to the output once it is large. */
    void spill() {
        if (buf.length() >= SPILL_AT) {
            flush();
        }
    }

    void flush() {
        try {
            out.append(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.setLength(0);
    }
}
