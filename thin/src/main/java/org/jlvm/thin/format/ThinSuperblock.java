package org.jlvm.thin.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jlvm.pool.sm.disk.SpaceMapRoot;

/**
 * The dm-thin superblock (block 0, 364 bytes used of 4096). Field offsets are the kernel's
 * {@code struct thin_disk_superblock}.
 */
public record ThinSuperblock(
        int flags,
        long blocknr,
        byte[] uuid,
        long magic,
        int version,
        int time,
        long transactionId,
        long heldRoot,
        SpaceMapRoot dataSpaceMapRoot,
        SpaceMapRoot metadataSpaceMapRoot,
        long dataMappingRoot,
        long deviceDetailsRoot,
        int dataBlockSize,
        int metadataBlockSize,
        long metadataNrBlocks,
        int compatFlags,
        int compatRoFlags,
        int incompatFlags) {

    public static final long MAGIC = 27022010L;
    public static final int VERSION = 2;
    public static final int NEEDS_CHECK = 1;
    /** Bytes of the block the superblock uses; the rest is zero. */
    public static final int USED_BYTES = 364;

    static final int OFF_FLAGS = 4;
    static final int OFF_BLOCKNR = 8;
    static final int OFF_UUID = 16;
    static final int OFF_MAGIC = 32;
    static final int OFF_VERSION = 40;
    static final int OFF_TIME = 44;
    static final int OFF_TRANS_ID = 48;
    static final int OFF_HELD_ROOT = 56;
    static final int OFF_DATA_SM_ROOT = 64;
    static final int OFF_METADATA_SM_ROOT = 192;
    static final int OFF_DATA_MAPPING_ROOT = 320;
    static final int OFF_DEVICE_DETAILS_ROOT = 328;
    static final int OFF_DATA_BLOCK_SIZE = 336;
    static final int OFF_METADATA_BLOCK_SIZE = 340;
    static final int OFF_METADATA_NR_BLOCKS = 344;
    static final int OFF_COMPAT_FLAGS = 352;
    static final int OFF_COMPAT_RO_FLAGS = 356;
    static final int OFF_INCOMPAT_FLAGS = 360;

    public boolean needsCheck() {
        return (flags & NEEDS_CHECK) != 0;
    }

    public static ThinSuperblock decode(byte[] d) {
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        return new ThinSuperblock(
                b.getInt(OFF_FLAGS),
                b.getLong(OFF_BLOCKNR),
                Arrays.copyOfRange(d, OFF_UUID, OFF_UUID + 16),
                b.getLong(OFF_MAGIC),
                b.getInt(OFF_VERSION),
                b.getInt(OFF_TIME),
                b.getLong(OFF_TRANS_ID),
                b.getLong(OFF_HELD_ROOT),
                SpaceMapRoot.decode(d, OFF_DATA_SM_ROOT),
                SpaceMapRoot.decode(d, OFF_METADATA_SM_ROOT),
                b.getLong(OFF_DATA_MAPPING_ROOT),
                b.getLong(OFF_DEVICE_DETAILS_ROOT),
                b.getInt(OFF_DATA_BLOCK_SIZE),
                b.getInt(OFF_METADATA_BLOCK_SIZE),
                b.getLong(OFF_METADATA_NR_BLOCKS),
                b.getInt(OFF_COMPAT_FLAGS),
                b.getInt(OFF_COMPAT_RO_FLAGS),
                b.getInt(OFF_INCOMPAT_FLAGS));
    }

    /** Writes every field into {@code d} (a 4096-byte block) and zeroes the unused tail; csum is left alone. */
    public void encode(byte[] d) {
        Arrays.fill(d, 4, d.length, (byte) 0);
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(OFF_FLAGS, flags);
        b.putLong(OFF_BLOCKNR, blocknr);
        if (uuid != null) {
            System.arraycopy(uuid, 0, d, OFF_UUID, Math.min(16, uuid.length));
        }
        b.putLong(OFF_MAGIC, magic);
        b.putInt(OFF_VERSION, version);
        b.putInt(OFF_TIME, time);
        b.putLong(OFF_TRANS_ID, transactionId);
        b.putLong(OFF_HELD_ROOT, heldRoot);
        dataSpaceMapRoot.encode(d, OFF_DATA_SM_ROOT);
        metadataSpaceMapRoot.encode(d, OFF_METADATA_SM_ROOT);
        b.putLong(OFF_DATA_MAPPING_ROOT, dataMappingRoot);
        b.putLong(OFF_DEVICE_DETAILS_ROOT, deviceDetailsRoot);
        b.putInt(OFF_DATA_BLOCK_SIZE, dataBlockSize);
        b.putInt(OFF_METADATA_BLOCK_SIZE, metadataBlockSize);
        b.putLong(OFF_METADATA_NR_BLOCKS, metadataNrBlocks);
        b.putInt(OFF_COMPAT_FLAGS, compatFlags);
        b.putInt(OFF_COMPAT_RO_FLAGS, compatRoFlags);
        b.putInt(OFF_INCOMPAT_FLAGS, incompatFlags);
    }

    public ThinSuperblock withFlags(int f) {
        return new ThinSuperblock(f, blocknr, uuid, magic, version, time, transactionId, heldRoot,
                dataSpaceMapRoot, metadataSpaceMapRoot, dataMappingRoot, deviceDetailsRoot, dataBlockSize,
                metadataBlockSize, metadataNrBlocks, compatFlags, compatRoFlags, incompatFlags);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ThinSuperblock s)) {
            return false;
        }
        byte[] a = new byte[4096];
        byte[] c = new byte[4096];
        encode(a);
        s.encode(c);
        return Arrays.equals(a, c);
    }

    @Override
    public int hashCode() {
        byte[] a = new byte[4096];
        encode(a);
        return Arrays.hashCode(a);
    }
}
