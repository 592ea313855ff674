package org.jlvm.dedup.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Published MurmurHash3 x64-128 vectors (seed 0 unless stated; bytes h1 LE then h2 LE, as Guava prints). */
class Murmur3Test {
    private static String hex(String s, int seed) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Murmur3.hash128(b, 0, b.length, seed).toHex();
    }

    @Test
    void publishedVectors() {
        assertEquals("00000000000000000000000000000000", hex("", 0));
        assertEquals("029bbd41b3a7d8cb191dae486a901e5b", hex("hello", 0));
        assertEquals("6778ad3f3f3f96b4522dca264174a23b", hex("abc", 0));
        assertEquals("6c1b07bc7bbc4be347939ac4a93c437a", hex("The quick brown fox jumps over the lazy dog", 0));
        assertEquals("9a2685ff70a98c653e5c8ea6eae3fe43", hex("The quick brown fox jumps over the lazy cog", 0));
        assertEquals("c902e99e1f4899cde7b68789a3a15d69", hex("The quick brown fox jumps over the lazy dog.", 0));
        assertEquals("213163d23b7f8a73e516c07e727345f9",
                hex("The quick brown fox jumps over the lazy dog", 0x9747b28c));
    }

    @Test
    void hashesRespectOffsetAndLength() {
        byte[] b = "xxThe quick brown fox jumps over the lazy dogyy".getBytes(StandardCharsets.US_ASCII);
        assertEquals("6c1b07bc7bbc4be347939ac4a93c437a", Fingerprint.of(b, 2, b.length - 4).toHex());
        byte[] block = new byte[4096];
        Fingerprint a = Fingerprint.of(block, 0, 4096);
        block[4095] = 1;
        assertNotEquals(a, Fingerprint.of(block, 0, 4096));
    }
}
