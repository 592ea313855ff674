package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic block contents named by a {@code long} key, for the stress driver's model. Key 0 is the zero
 * block; a negative key {@code -(i+1)} is block {@code i} of the input file (zero-padded); a positive key's
 * low two bits pick the flavour: 0 incompressible, 1 and 2 text-like (compresses 2-4x), 3 half random and
 * half zero.
 */
final class StressContent {
    private static final String[] WORDS = {"block", "device", "thin", "pool", "extent", "volume", "group",
        "metadata", "chunk", "sector", "mapping", "refcount", "journal", "flush", "discard", "zero", "index",
        "packer", "fragment", "lz4", "dedup", "crash", "commit", "superblock", "the", "a", "of", "and", "\n"};
    private final FileChannel input;
    private final long inputSize;

    StressContent(FileChannel input) throws IOException {
        this.input = input;
        this.inputSize = input == null ? 0 : input.size();
    }

    static long fileKey(long blockIndex) {
        return -(blockIndex + 1);
    }

    void fill(long key, byte[] out) throws IOException {
        Arrays.fill(out, (byte) 0);
        if (key == 0) {
            return;
        }
        if (key < 0) {
            long pos = (-key - 1) * out.length;
            ByteBuffer b = ByteBuffer.wrap(out, 0, (int) Math.max(0, Math.min(out.length, inputSize - pos)));
            while (b.hasRemaining()) {
                if (input.read(b, pos + b.position()) < 0) {
                    break;
                }
            }
            return;
        }
        Random r = new Random(key * 0x9E3779B97F4A7C15L);
        switch ((int) (key & 3)) {
            case 0 -> r.nextBytes(out);
            case 3 -> {
                byte[] half = new byte[out.length / 2];
                r.nextBytes(half);
                System.arraycopy(half, 0, out, 0, half.length);
            }
            default -> {
                int p = 0;
                while (p < out.length) {
                    String w = WORDS[r.nextInt(WORDS.length)];
                    if (r.nextInt(8) == 0) {
                        w = Long.toString(r.nextLong() & 0xffffffL, 36);
                    }
                    for (int i = 0; i < w.length() && p < out.length; i++) {
                        out[p++] = (byte) w.charAt(i);
                    }
                    if (p < out.length) {
                        out[p++] = ' ';
                    }
                }
            }
        }
    }
}
