package org.jlvm.dedup.compress;

import java.io.IOException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 raw block format through lz4-java ({@code at.yawk.lz4}). {@link #fastest()} uses the JNI library when
 * it loads and falls back to pure Java; {@link #pureJava()} forces the safe Java implementation.
 * Decompression always uses a safe decompressor and insists on exactly 4096 output bytes.
 */
public final class Lz4Codec implements Codec {
    private final LZ4Compressor compressor;
    private final LZ4SafeDecompressor decompressor;
    private final String name;

    private Lz4Codec(LZ4Factory factory, String name) {
        this.compressor = factory.fastCompressor();
        this.decompressor = factory.safeDecompressor();
        this.name = name;
    }

    /** JNI when available, else the fastest pure-Java instance. */
    public static Lz4Codec fastest() {
        LZ4Factory f = LZ4Factory.fastestInstance();
        boolean jni = f == safeNative();
        return new Lz4Codec(f, jni ? "lz4-jni" : "lz4-java");
    }

    /** The pure-Java, bounds-checked implementation. */
    public static Lz4Codec pureJava() {
        return new Lz4Codec(LZ4Factory.safeInstance(), "lz4-java");
    }

    private static LZ4Factory safeNative() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (Throwable t) {
            return null;
        }
    }

    @Override
    public int maxCompressedLength() {
        return compressor.maxCompressedLength(BLOCK);
    }

    @Override
    public int compress(byte[] src, byte[] dst) {
        return compressor.compress(src, 0, BLOCK, dst, 0, dst.length);
    }

    @Override
    public void decompress(byte[] src, int off, int len, byte[] dst) throws IOException {
        if (off < 0 || len <= 0 || off + len > src.length || dst.length < BLOCK) {
            throw new IOException("corrupt compressed fragment: bad bounds " + off + "+" + len);
        }
        int n;
        try {
            n = decompressor.decompress(src, off, len, dst, 0, BLOCK);
        } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
            throw new IOException("corrupt compressed fragment of " + len + " bytes: " + e.getMessage(), e);
        }
        if (n != BLOCK) {
            throw new IOException("corrupt compressed fragment: decodes to " + n + " bytes, expected " + BLOCK);
        }
    }

    @Override
    public String name() {
        return name;
    }
}
