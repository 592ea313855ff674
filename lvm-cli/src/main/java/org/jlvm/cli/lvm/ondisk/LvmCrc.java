package org.jlvm.cli.lvm.ondisk;

/**
 * lvm2's checksum (label, mda header, metadata text): CRC-32 with the reflected polynomial 0xEDB88320, initial
 * value 0xf597a6cf and no final inversion.
 */
public final class LvmCrc {
    public static final int INITIAL = 0xf597a6cf;
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private LvmCrc() {
    }

    public static int of(byte[] data) {
        return update(INITIAL, data, 0, data.length);
    }

    public static int of(byte[] data, int offset, int length) {
        return update(INITIAL, data, offset, length);
    }

    /** Continues a CRC over more bytes (for text that wraps in the circular buffer). */
    public static int update(int crc, byte[] data, int offset, int length) {
        int c = crc;
        for (int i = offset; i < offset + length; i++) {
            c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
        }
        return c;
    }
}
