package org.jlvm.dedup.compress;

import java.io.IOException;

/**
 * Compresses single 4 KiB blocks. Implementations are thread-safe.
 */
public interface Codec {
    int BLOCK = 4096;

    /** Size of a destination buffer large enough for any 4 KiB input. */
    int maxCompressedLength();

    /**
     * Compresses {@code src[0..4096)} into {@code dst} (at least {@link #maxCompressedLength()} long).
     *
     * @return the compressed length
     */
    int compress(byte[] src, byte[] dst);

    /**
     * Decompresses {@code src[off, off+len)} into {@code dst[0..4096)}.
     *
     * @throws IOException if the input is corrupt or does not decode to exactly 4096 bytes (never an
     *         unchecked exception, whatever the input)
     */
    void decompress(byte[] src, int off, int len, byte[] dst) throws IOException;

    /** A short name for statistics ("lz4-jni", "lz4-java"). */
    String name();
}
