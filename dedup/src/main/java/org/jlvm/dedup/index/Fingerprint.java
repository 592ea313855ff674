package org.jlvm.dedup.index;

/**
 * The 128-bit name of a 4 KiB block (MurmurHash3 x64-128, seed 0) as two longs: {@code h1} and {@code h2}
 * exactly as the reference implementation returns them. Equal names never prove equal data.
 */
public record Fingerprint(long h1, long h2) {

    /** Names {@code length} bytes of {@code data} from {@code offset}. */
    public static Fingerprint of(byte[] data, int offset, int length) {
        return Murmur3.hash128(data, offset, length, 0);
    }

    /** The 16 bytes in the canonical order (h1 little-endian then h2 little-endian), as hex. */
    public String toHex() {
        StringBuilder sb = new StringBuilder(32);
        for (long v : new long[] {h1, h2}) {
            for (int i = 0; i < 8; i++) {
                sb.append(String.format("%02x", (v >>> (8 * i)) & 0xff));
            }
        }
        return sb.toString();
    }
}
