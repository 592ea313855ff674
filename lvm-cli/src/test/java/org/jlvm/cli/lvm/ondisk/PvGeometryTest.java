package org.jlvm.cli.lvm.ondisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pvcreate's layout against the spec's table (recorded with lvm2 2.03.16 on 64 MiB devices). */
class PvGeometryTest {
    private static final long K = 1024;
    private static final long M = K * K;
    private static final long DEV = 64 * M;

    @ParameterizedTest
    @CsvSource({
        // metadatasize, alignment, alignment offset, copies, bootloader, pe_start, mda1 size, mda2 offset, mda2 size
        "0, 1048576, 0, 1, 0, 1048576, 1044480, 0, 0",
        "2097152, 1048576, 0, 1, 0, 3145728, 3141632, 0, 0",
        "0, 65536, 0, 1, 0, 1048576, 1044480, 0, 0",
        "65536, 65536, 0, 1, 0, 131072, 126976, 0, 0",
        "32768, 65536, 0, 1, 0, 65536, 61440, 0, 0",
        "0, 4194304, 0, 1, 0, 4194304, 4190208, 0, 0",
        "0, 1048576, 4096, 1, 0, 1052672, 1048576, 0, 0",
        "0, 1048576, 0, 1, 1048576, 2097152, 1044480, 0, 0",
        "0, 1048576, 0, 0, 0, 1048576, 0, 0, 0",
        "0, 1048576, 0, 2, 0, 1048576, 1044480, 66060288, 1048576",
        "65536, 1048576, 0, 2, 0, 1048576, 1044480, 66060288, 1048576",
        "3145728, 1048576, 0, 2, 0, 4194304, 4190208, 63963136, 3145728",
        "65536, 65536, 0, 2, 0, 131072, 126976, 67043328, 65536"})
    void matchesPvcreate(long mdSize, long align, long alignOffset, int copies, long boot, long peStart, long mda1Size,
            long mda2Offset, long mda2Size) {
        PvGeometry g = PvGeometry.pvcreate(DEV, new PvGeometry.Options(mdSize == 0 ? PvGeometry.DEFAULT_METADATA_SIZE
                : mdSize, align, alignOffset, copies, boot));
        assertEquals(peStart, g.peStart());
        if (copies == 0) {
            assertEquals(List.of(), g.metadataAreas());
        } else {
            assertEquals(new DiskLocn(4096, mda1Size), g.metadataAreas().get(0));
        }
        if (copies == 2) {
            assertEquals(new DiskLocn(mda2Offset, mda2Size), g.metadataAreas().get(1));
        }
        if (boot > 0) {
            assertEquals(List.of(new DiskLocn(1048576, 1048576)), g.bootloaderAreas());
        }
    }

    @ParameterizedTest
    @CsvSource({"67108864, 1, 8192, 15", "268435456, 1, 8192, 63", "67108864, 2, 8192, 15"})
    void extentCounts(long device, int copies, long extent, long expected) {
        PvGeometry g = PvGeometry.pvcreate(device, new PvGeometry.Options(PvGeometry.DEFAULT_METADATA_SIZE,
                PvGeometry.DEFAULT_ALIGNMENT, 0, copies, 0));
        assertEquals(expected, g.peCount(extent));
    }
}
