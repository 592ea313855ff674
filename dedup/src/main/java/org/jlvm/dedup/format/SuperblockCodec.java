package org.jlvm.dedup.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.jlvm.pool.error.CorruptMetadataException;

/**
 * Packs a {@link Superblock} into one 4 KiB block, little-endian:
 * <pre>
 *   0 u64 magic "JLVMDDP1"      8 u32 major (1)     12 u32 minor (0)
 *  16 u64 generation           24 u64 logical blocks            32 u64 total blocks
 *  40 u64 map start            48 u64 map pages                 56 u64 refcount start
 *  64 u64 refcount pages       72 u64 index start               80 u64 index blocks
 *  88 u64 index slots          96 u64 data start               104 u64 data blocks
 * 112 u32 flags (bit 0 read-only)                              116 u16 reason length
 * 118 reason (UTF-8, at most 256 bytes)                       4092 u32 CRC32C of bytes 0..4091
 * </pre>
 */
public final class SuperblockCodec {
    public static final int MAJOR = 1;
    public static final int MINOR = 0;
    public static final int MAX_REASON = 256;
    static final int OFF_GENERATION = 16;
    static final int OFF_FLAGS = 112;
    static final int OFF_REASON_LEN = 116;
    static final int OFF_REASON = 118;
    static final int OFF_CRC = 4092;
    private static final byte[] MAGIC_BYTES = "JLVMDDP1".getBytes(StandardCharsets.US_ASCII);

    private SuperblockCodec() {
    }

    public static byte[] encode(Superblock sb) {
        ByteBuffer b = ByteBuffer.allocate(Geometry.BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC_BYTES);
        b.putInt(MAJOR).putInt(MINOR);
        b.putLong(sb.generation()).putLong(sb.logicalBlocks()).putLong(sb.totalBlocks());
        b.putLong(sb.mapStart()).putLong(sb.mapPages()).putLong(sb.refStart()).putLong(sb.refPages());
        b.putLong(sb.indexStart()).putLong(sb.indexBlocks()).putLong(sb.indexSlots());
        b.putLong(sb.dataStart()).putLong(sb.dataBlocks());
        b.putInt(sb.readOnly() ? 1 : 0);
        byte[] reason = truncate(sb.readOnlyReason() == null ? "" : sb.readOnlyReason());
        b.putShort((short) reason.length);
        b.put(reason);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, OFF_CRC);
        b.putInt(OFF_CRC, (int) crc.getValue());
        return b.array();
    }

    /** Decodes and validates one copy; {@code where} is its block number, for messages. */
    public static Superblock decode(byte[] block, long where) throws CorruptMetadataException {
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC_BYTES.length; i++) {
            if (block[i] != MAGIC_BYTES[i]) {
                throw new CorruptMetadataException(where, "dedup superblock", "bad magic (not a dedup device)");
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(block, 0, OFF_CRC);
        int expected = (int) crc.getValue();
        int actual = b.getInt(OFF_CRC);
        if (expected != actual) {
            throw new CorruptMetadataException(where, "dedup superblock", "checksum",
                    Integer.toHexString(expected), Integer.toHexString(actual));
        }
        int major = b.getInt(8);
        if (major != MAJOR) {
            throw new CorruptMetadataException(where, "dedup superblock", "major version", MAJOR, major);
        }
        b.position(OFF_GENERATION);
        long gen = b.getLong();
        long logical = b.getLong();
        long total = b.getLong();
        long mapStart = b.getLong();
        long mapPages = b.getLong();
        long refStart = b.getLong();
        long refPages = b.getLong();
        long indexStart = b.getLong();
        long indexBlocks = b.getLong();
        long indexSlots = b.getLong();
        long dataStart = b.getLong();
        long dataBlocks = b.getLong();
        int flags = b.getInt(OFF_FLAGS);
        int reasonLen = Short.toUnsignedInt(b.getShort(OFF_REASON_LEN));
        if (reasonLen > MAX_REASON) {
            throw new CorruptMetadataException(where, "dedup superblock", "reason length " + reasonLen);
        }
        String reason = new String(block, OFF_REASON, reasonLen, StandardCharsets.UTF_8);
        Superblock sb = new Superblock(gen, logical, total, mapStart, mapPages, refStart, refPages, indexStart,
                indexBlocks, indexSlots, dataStart, dataBlocks, (flags & 1) != 0, reason);
        Geometry.check(sb, where);
        return sb;
    }

    private static byte[] truncate(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON) {
            return bytes;
        }
        return java.util.Arrays.copyOf(bytes, MAX_REASON);
    }
}
