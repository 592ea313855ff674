package org.jlvm.cli.lvm.ondisk;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout pvcreate gives a device: mda 1 at 4096 up to the (aligned) data start, an optional bootloader area
 * before the data, an optional mda 2 at the end of the device, {@code pe_start} aligned to the data alignment.
 * All values in bytes.
 */
public record PvGeometry(long deviceSize, long peStart, List<DiskLocn> metadataAreas, List<DiskLocn> bootloaderAreas) {
    public static final long MDA1_START = 4096;
    /** lvm2's default data alignment (devices/default_data_alignment = 1 MiB). */
    public static final long DEFAULT_ALIGNMENT = 1 << 20;
    /** The default metadata size (what fills the first MiB: 1020 KiB). */
    public static final long DEFAULT_METADATA_SIZE = DEFAULT_ALIGNMENT - MDA1_START;
    /** lvm2's minimum mda size (8 pages). */
    public static final long MIN_MDA_SIZE = 32 * 1024;

    public PvGeometry {
        metadataAreas = List.copyOf(metadataAreas);
        bootloaderAreas = List.copyOf(bootloaderAreas);
    }

    /** pvcreate's options that shape the layout. */
    public record Options(long metadataSize, long dataAlignment, long dataAlignmentOffset, int metadataCopies,
            long bootloaderAreaSize) {
        public static final Options DEFAULT = new Options(DEFAULT_METADATA_SIZE, DEFAULT_ALIGNMENT, 0, 1, 0);

        public Options {
            if (dataAlignment <= 0 || dataAlignment % 512 != 0 || metadataSize < 0 || dataAlignmentOffset < 0
                    || dataAlignmentOffset % 512 != 0 || bootloaderAreaSize < 0 || metadataCopies < 0
                    || metadataCopies > 2) {
                throw new IllegalArgumentException("invalid PV layout options " + this);
            }
        }
    }

    /** The layout for a device of {@code deviceSize} bytes (a multiple of 512). */
    public static PvGeometry pvcreate(long deviceSize, Options o) {
        if (deviceSize % 512 != 0) {
            throw new IllegalArgumentException("device size " + deviceSize + " is not a multiple of 512");
        }
        long align = o.dataAlignment();
        long mdaEnd = roundUp(MDA1_START + Math.max(o.metadataSize(), MIN_MDA_SIZE), align) + o.dataAlignmentOffset();
        List<DiskLocn> mdas = new ArrayList<>();
        if (o.metadataCopies() >= 1) {
            mdas.add(new DiskLocn(MDA1_START, mdaEnd - MDA1_START));
        }
        List<DiskLocn> boot = new ArrayList<>();
        long peStart = mdaEnd;
        if (o.bootloaderAreaSize() > 0) {
            long baSize = roundUp(o.bootloaderAreaSize(), align);
            boot.add(new DiskLocn(mdaEnd, baSize));
            peStart = mdaEnd + baSize;
        }
        if (o.metadataCopies() == 2) {
            long size2 = roundUp(Math.max(o.metadataSize(), MIN_MDA_SIZE), align);
            long offset2 = (deviceSize - size2) / align * align;
            mdas.add(new DiskLocn(offset2, deviceSize - offset2));
        }
        long usableEnd = o.metadataCopies() == 2 ? mdas.get(1).offset() : deviceSize;
        if (peStart >= usableEnd) {
            throw new IllegalArgumentException("device of " + deviceSize + " bytes is too small: data would start at "
                    + peStart);
        }
        return new PvGeometry(deviceSize, peStart, mdas, boot);
    }

    /** Where the data area ends: at mda 2 when there is one at the end, else at the device end. */
    public long dataEnd() {
        long end = deviceSize;
        for (DiskLocn m : metadataAreas) {
            if (m.offset() > peStart && m.offset() < end) {
                end = m.offset();
            }
        }
        return end;
    }

    /** Whole extents of {@code extentSectors} between pe_start and the data end. */
    public long peCount(long extentSectors) {
        return (dataEnd() - peStart) / 512 / extentSectors;
    }

    static long roundUp(long v, long align) {
        return (v + align - 1) / align * align;
    }
}
