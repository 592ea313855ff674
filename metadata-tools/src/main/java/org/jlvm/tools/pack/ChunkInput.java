package org.jlvm.tools.pack;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** The decompressed bytes of one chunk, inflated a window at a time (memory stays bounded). */
final class ChunkInput {
    private final Inflater inflater = new Inflater();
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;

    void reset(byte[] data, int len) {
        inflater.reset();
        inflater.setInput(data, 0, len);
        pos = 0;
        lim = 0;
    }

    void close() {
        inflater.end();
    }

    /** True when the zlib stream has ended and every byte was read; its input must end with it. */
    boolean atEnd() throws CorruptPack {
        if (pos < lim) {
            return false;
        }
        fill();
        if (pos < lim) {
            return false;
        }
        if (inflater.getRemaining() > 0) {
            throw new CorruptPack("bad compressed data (" + inflater.getRemaining() + " bytes after the stream)");
        }
        return true;
    }

    private void fill() throws CorruptPack {
        pos = 0;
        lim = 0;
        try {
            while (lim == 0 && !inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new CorruptPack("bad compressed data (the stream is cut short)");
                }
                lim = n;
            }
        } catch (DataFormatException e) {
            throw new CorruptPack("bad compressed data (" + e.getMessage() + ")");
        }
    }

    int u8() throws CorruptPack {
        if (pos == lim) {
            fill();
            if (lim == 0) {
                throw new CorruptPack("chunk ends inside an entry");
            }
        }
        return buf[pos++] & 0xFF;
    }

    /** A little-endian value of {@code width} bytes. */
    long le(int width) throws CorruptPack {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v |= (long) u8() << (8 * i);
        }
        return v;
    }

    /** Copies {@code n} bytes to {@code d[off..]}, or skips them when {@code d} is null. */
    void copy(byte[] d, int off, long n) throws CorruptPack {
        while (n > 0) {
            if (pos == lim) {
                fill();
                if (lim == 0) {
                    throw new CorruptPack("chunk ends inside an entry");
                }
            }
            int k = (int) Math.min(n, lim - pos);
            if (d != null) {
                System.arraycopy(buf, pos, d, off, k);
                off += k;
            }
            pos += k;
            n -= k;
        }
    }
}
