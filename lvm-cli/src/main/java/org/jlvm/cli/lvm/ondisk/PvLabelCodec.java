package org.jlvm.cli.lvm.ondisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.pool.io.BlockDevice;

/**
 * Encodes and decodes the 512-byte label sector. Layout (little-endian): {@code id "LABELONE"} at 0,
 * {@code sector_xl} u64 at 8, {@code crc_xl} u32 at 16 over bytes 20..511, {@code offset_xl} u32 at 20 (32),
 * {@code type "LVM2 001"} at 24; the pv_header at {@code offset_xl}: UUID (32 chars) , device size u64, data
 * area list, metadata area list (each ended by a zero {@link DiskLocn}), then the extension: version u32,
 * flags u32, bootloader area list.
 */
public final class PvLabelCodec {
    public static final int SECTOR_SIZE = 512;
    /** lvm2 looks for the label in the first four sectors. */
    public static final int SCAN_SECTORS = 4;
    static final byte[] LABEL_ID = "LABELONE".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LABEL_TYPE = "LVM2 001".getBytes(StandardCharsets.US_ASCII);
    private static final int OFF_ID = 0;
    private static final int OFF_SECTOR = 8;
    private static final int OFF_CRC = 16;
    private static final int OFF_OFFSET = 20;
    private static final int OFF_TYPE = 24;
    private static final int PV_HEADER_OFFSET = 32;
    private static final int UUID_LEN = 32;
    private static final int EXTENSION_VERSION = 2;

    private PvLabelCodec() {
    }

    /** The label sector for {@code label} (sector number taken from the label). */
    public static byte[] encode(PvLabel label) {
        ByteBuffer b = ByteBuffer.allocate(SECTOR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFF_ID, LABEL_ID);
        b.putLong(OFF_SECTOR, label.sector());
        b.putInt(OFF_OFFSET, PV_HEADER_OFFSET);
        b.put(OFF_TYPE, LABEL_TYPE);
        b.position(PV_HEADER_OFFSET);
        b.put(label.pvUuid().chars().getBytes(StandardCharsets.US_ASCII));
        b.putLong(label.deviceSize());
        putList(b, label.dataAreas());
        putList(b, label.metadataAreas());
        if (label.extVersion() != 0) {
            b.putInt(label.extVersion());
            b.putInt(label.extFlags());
            if (label.extVersion() >= 2) {
                putList(b, label.bootloaderAreas());
            }
        }
        byte[] sector = b.array();
        b.putInt(OFF_CRC, LvmCrc.of(sector, OFF_OFFSET, SECTOR_SIZE - OFF_OFFSET));
        return sector;
    }

    /** A label for a new PV as pvcreate writes it (sector 1, extension version 2). */
    public static PvLabel newLabel(LvmUuid uuid, long deviceSize, List<DiskLocn> data, List<DiskLocn> metadata,
            boolean used, List<DiskLocn> bootloader) {
        return new PvLabel(1, uuid, deviceSize, data, metadata, EXTENSION_VERSION, used ? PvLabel.PV_EXT_USED : 0,
                bootloader);
    }

    private static void putList(ByteBuffer b, List<DiskLocn> list) {
        int needed = (list.size() + 1) * DiskLocn.BYTES;
        if (b.remaining() < needed + 8) {
            throw new IllegalArgumentException("too many disk locations for one label sector");
        }
        for (DiskLocn d : list) {
            b.putLong(d.offset()).putLong(d.size());
        }
        b.putLong(0).putLong(0);
    }

    /** True when the sector starts with {@code LABELONE}. */
    static boolean hasLabelId(byte[] sector) {
        return Arrays.equals(sector, 0, LABEL_ID.length, LABEL_ID, 0, LABEL_ID.length);
    }

    /** Decodes the label found in sector {@code sectorNumber}; every check failure is a clear error. */
    public static PvLabel decode(byte[] sector, long sectorNumber, String where) throws LvmFormatException {
        if (sector.length != SECTOR_SIZE) {
            throw new IllegalArgumentException("a label sector is 512 bytes, got " + sector.length);
        }
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        if (!hasLabelId(sector)) {
            throw new LvmFormatException(where + ": label_header.id expected LABELONE in sector " + sectorNumber);
        }
        long storedSector = b.getLong(OFF_SECTOR);
        if (storedSector != sectorNumber) {
            throw new LvmFormatException(where + ": label_header.sector " + storedSector + " != expected "
                    + sectorNumber);
        }
        int crc = LvmCrc.of(sector, OFF_OFFSET, SECTOR_SIZE - OFF_OFFSET);
        int storedCrc = b.getInt(OFF_CRC);
        if (crc != storedCrc) {
            throw new LvmFormatException(where + ": label_header.crc 0x" + Integer.toHexString(storedCrc)
                    + " != expected 0x" + Integer.toHexString(crc));
        }
        if (!Arrays.equals(sector, OFF_TYPE, OFF_TYPE + 8, LABEL_TYPE, 0, 8)) {
            throw new LvmFormatException(where + ": label_header.type '"
                    + new String(sector, OFF_TYPE, 8, StandardCharsets.US_ASCII) + "' != expected 'LVM2 001'");
        }
        int offset = b.getInt(OFF_OFFSET);
        if (offset < PV_HEADER_OFFSET || offset > SECTOR_SIZE - UUID_LEN - 8 - 2 * DiskLocn.BYTES) {
            throw new LvmFormatException(where + ": label_header.offset " + offset + " is outside the label sector");
        }
        String uuidText = new String(sector, offset, UUID_LEN, StandardCharsets.US_ASCII);
        LvmUuid uuid;
        try {
            uuid = new LvmUuid(uuidText);
        } catch (IllegalArgumentException e) {
            throw new LvmFormatException(where + ": pv_header.pv_uuid: " + e.getMessage());
        }
        b.position(offset + UUID_LEN);
        long deviceSize = b.getLong();
        List<DiskLocn> data = readList(b, where, "data area");
        List<DiskLocn> metadata = readList(b, where, "metadata area");
        int extVersion = 0;
        int extFlags = 0;
        List<DiskLocn> bootloader = List.of();
        if (b.remaining() >= 8) {
            extVersion = b.getInt();
            extFlags = b.getInt();
            if (extVersion == 0) {
                extFlags = 0;
            } else if (extVersion >= 2) {
                bootloader = readList(b, where, "bootloader area");
            }
        }
        return new PvLabel(sectorNumber, uuid, deviceSize, data, metadata, extVersion, extFlags, bootloader);
    }

    private static List<DiskLocn> readList(ByteBuffer b, String where, String what) throws LvmFormatException {
        List<DiskLocn> out = new ArrayList<>();
        while (true) {
            if (b.remaining() < DiskLocn.BYTES) {
                throw new LvmFormatException(where + ": pv_header " + what + " list has no terminator in the label sector");
            }
            long offset = b.getLong();
            long size = b.getLong();
            if (offset == 0 && size == 0) {
                return out;
            }
            if (offset < 0 || size < 0) {
                throw new LvmFormatException(where + ": pv_header " + what + " " + offset + "+" + size + " is invalid");
            }
            out.add(new DiskLocn(offset, size));
        }
    }

    /**
     * Finds and decodes the label in the first four sectors, as lvm2 does. A sector that starts with
     * {@code LABELONE} but fails a check is an error (it is not skipped silently).
     */
    public static PvLabel read(BlockDevice device, String where) throws IOException {
        if (device.size() < SCAN_SECTORS * SECTOR_SIZE) {
            throw new LvmFormatException(where + ": device of " + device.size() + " bytes is too small for a PV");
        }
        for (int s = 0; s < SCAN_SECTORS; s++) {
            byte[] sector = device.read((long) s * SECTOR_SIZE, SECTOR_SIZE);
            if (hasLabelId(sector)) {
                return decode(sector, s, where);
            }
        }
        throw new LvmFormatException(where + ": no LVM2 label (LABELONE) in sectors 0-3");
    }
}
