package org.jlvm.cli.lvm.ondisk;

import java.util.List;
import java.util.Objects;
import org.jlvm.cli.lvm.model.LvmUuid;

/**
 * The LVM2 label sector: {@code label_header} (where it is), {@code pv_header} (PV UUID, device size in bytes,
 * data and metadata area lists) and {@code pv_header_extension} (version, flags, bootloader areas).
 *
 * @param sector      the sector holding the label (lvm2 writes 1)
 * @param extVersion  the extension version (2 for current lvm2; 0 when absent)
 * @param extFlags    bit 0 = {@link #PV_EXT_USED}
 */
public record PvLabel(long sector, LvmUuid pvUuid, long deviceSize, List<DiskLocn> dataAreas,
        List<DiskLocn> metadataAreas, int extVersion, int extFlags, List<DiskLocn> bootloaderAreas) {
    /** The PV belongs to a VG. */
    public static final int PV_EXT_USED = 0x1;

    public PvLabel {
        Objects.requireNonNull(pvUuid, "pvUuid");
        dataAreas = List.copyOf(dataAreas);
        metadataAreas = List.copyOf(metadataAreas);
        bootloaderAreas = List.copyOf(bootloaderAreas);
        if (sector < 0 || sector > 3) {
            throw new IllegalArgumentException("label sector " + sector + " is not 0..3");
        }
    }

    public boolean isUsed() {
        return (extFlags & PV_EXT_USED) != 0;
    }

    public PvLabel withUsed(boolean used) {
        return new PvLabel(sector, pvUuid, deviceSize, dataAreas, metadataAreas, extVersion,
                used ? extFlags | PV_EXT_USED : extFlags & ~PV_EXT_USED, bootloaderAreas);
    }

    /** {@code pe_start} in bytes: the offset of the first data area. */
    public long peStartBytes() {
        if (dataAreas.isEmpty()) {
            throw new IllegalStateException("PV " + pvUuid + " has no data area");
        }
        return dataAreas.get(0).offset();
    }
}
