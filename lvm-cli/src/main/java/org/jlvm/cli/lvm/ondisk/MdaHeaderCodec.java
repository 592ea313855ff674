package org.jlvm.cli.lvm.ondisk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes and decodes the mda header: {@code checksum_xl} u32 at 0 over bytes 4..511, magic
 * {@code " LVM2 x[5A%r0N*>"} at 4, version u32 (1) at 20, start u64 at 24, size u64 at 32, then
 * {@code raw_locn} slots of 24 bytes (offset u64, size u64, checksum u32, flags u32) at 40 (committed) and 64
 * (precommit), and a zero slot at 88 as terminator.
 */
public final class MdaHeaderCodec {
    public static final int SIZE = 512;
    static final byte[] MAGIC = " LVM2 x[5A%r0N*>".getBytes(StandardCharsets.US_ASCII);
    private static final int OFF_CHECKSUM = 0;
    private static final int OFF_MAGIC = 4;
    private static final int OFF_VERSION = 20;
    private static final int OFF_START = 24;
    private static final int OFF_SIZE = 32;
    private static final int OFF_SLOT0 = 40;
    private static final int OFF_SLOT1 = OFF_SLOT0 + RawLocn.BYTES;
    private static final int VERSION = 1;

    private MdaHeaderCodec() {
    }

    public static byte[] encode(MdaHeader h) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFF_MAGIC, MAGIC);
        b.putInt(OFF_VERSION, VERSION);
        b.putLong(OFF_START, h.start());
        b.putLong(OFF_SIZE, h.size());
        putSlot(b, OFF_SLOT0, h.committed());
        putSlot(b, OFF_SLOT1, h.precommitted());
        b.putInt(OFF_CHECKSUM, LvmCrc.of(b.array(), OFF_MAGIC, SIZE - OFF_MAGIC));
        return b.array();
    }

    private static void putSlot(ByteBuffer b, int at, RawLocn r) {
        b.putLong(at, r.offset());
        b.putLong(at + 8, r.size());
        b.putInt(at + 16, r.checksum());
        b.putInt(at + 20, r.flags());
    }

    /**
     * Decodes and checks a header read at absolute {@code expectedStart}: checksum, magic, version, start and,
     * when {@code expectedSize > 0}, size.
     */
    public static MdaHeader decode(byte[] bytes, long expectedStart, long expectedSize, String where)
            throws LvmFormatException {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an mda header is 512 bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String at = where + ": mda header at " + expectedStart;
        int crc = LvmCrc.of(bytes, OFF_MAGIC, SIZE - OFF_MAGIC);
        int stored = b.getInt(OFF_CHECKSUM);
        if (crc != stored) {
            throw new LvmFormatException(at + ": checksum 0x" + Integer.toHexString(stored) + " != expected 0x"
                    + Integer.toHexString(crc));
        }
        if (!Arrays.equals(bytes, OFF_MAGIC, OFF_MAGIC + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new LvmFormatException(at + ": bad magic (expected ' LVM2 x[5A%r0N*>')");
        }
        int version = b.getInt(OFF_VERSION);
        if (version != VERSION) {
            throw new LvmFormatException(at + ": version " + version + " != expected 1");
        }
        long start = b.getLong(OFF_START);
        if (start != expectedStart) {
            throw new LvmFormatException(at + ": start " + start + " != expected " + expectedStart);
        }
        long size = b.getLong(OFF_SIZE);
        if (expectedSize > 0 && size != expectedSize) {
            throw new LvmFormatException(at + ": size " + size + " != expected " + expectedSize);
        }
        if (size < 2 * SIZE) {
            throw new LvmFormatException(at + ": size " + size + " is too small");
        }
        return new MdaHeader(start, size, slot(b, OFF_SLOT0), slot(b, OFF_SLOT1));
    }

    static RawLocn slot(ByteBuffer b, int at) {
        return new RawLocn(b.getLong(at), b.getLong(at + 8), b.getInt(at + 16), b.getInt(at + 20));
    }
}
