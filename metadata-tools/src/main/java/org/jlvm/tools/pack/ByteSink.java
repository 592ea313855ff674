package org.jlvm.tools.pack;

import java.util.Arrays;

/** A growable little-endian byte buffer, reused between chunks. */
final class ByteSink {
    private byte[] buf;
    private int len;

    ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    byte[] array() {
        return buf;
    }

    int length() {
        return len;
    }

    void clear() {
        len = 0;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    void u8(int v) {
        room(1);
        buf[len++] = (byte) v;
    }

    /** The low {@code width} bytes of {@code v}, little-endian. */
    void le(long v, int width) {
        room(width);
        for (int i = 0; i < width; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }

    void bytes(byte[] d, int off, int n) {
        room(n);
        System.arraycopy(d, off, buf, len, n);
        len += n;
    }
}
