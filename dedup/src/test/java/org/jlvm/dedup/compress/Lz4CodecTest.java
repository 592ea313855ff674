package org.jlvm.dedup.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lz4CodecTest {
    static Stream<Codec> codecs() {
        return Stream.of(Lz4Codec.fastest(), Lz4Codec.pureJava());
    }

    private static byte[] text(Random r) {
        byte[] b = new byte[4096];
        String[] words = {"alpha ", "beta ", "gamma ", "delta ", "\n"};
        int p = 0;
        while (p < b.length) {
            for (char c : words[r.nextInt(words.length)].toCharArray()) {
                if (p < b.length) {
                    b[p++] = (byte) c;
                }
            }
        }
        return b;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrips(Codec codec) throws IOException {
        Random r = new Random(5);
        byte[] random = new byte[4096];
        r.nextBytes(random);
        for (byte[] src : new byte[][] {text(r), random, new byte[4096]}) {
            byte[] dst = new byte[codec.maxCompressedLength()];
            int n = codec.compress(src, dst);
            byte[] out = new byte[4096];
            codec.decompress(dst, 0, n, out);
            assertArrayEquals(src, out);
        }
        byte[] dst = new byte[codec.maxCompressedLength()];
        assertTrue(codec.compress(text(r), dst) < 2048, "text compresses");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void corruptInputIsAnIOExceptionNeverACrash(Codec codec) throws IOException {
        long seed = 99;
        System.out.println("Lz4CodecTest seed=" + seed + " codec=" + codec.name());
        Random r = new Random(seed);
        byte[] src = text(r);
        byte[] dst = new byte[codec.maxCompressedLength()];
        int n = codec.compress(src, dst);
        byte[] out = new byte[4096];
        assertThrows(IOException.class, () -> codec.decompress(dst, 0, n - 7, out), "truncated");
        assertThrows(IOException.class, () -> codec.decompress(dst, 0, 0, out), "empty");
        byte[] small = new byte[4096];
        small[0] = 1;
        byte[] c2 = new byte[codec.maxCompressedLength()];
        int m = codec.compress(Arrays.copyOf(small, 4096), c2);
        codec.decompress(c2, 0, m, out);
        int failures = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] bad = Arrays.copyOf(dst, n);
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                bad[r.nextInt(n)] = (byte) r.nextInt(256);
            }
            try {
                codec.decompress(bad, 0, n, out);
            } catch (IOException e) {
                failures++;
            }
        }
        assertTrue(failures > 0, "some corruptions must be detected");
        byte[] garbage = new byte[3000];
        r.nextBytes(garbage);
        assertThrows(IOException.class, () -> codec.decompress(garbage, 0, garbage.length, out));
    }
}
