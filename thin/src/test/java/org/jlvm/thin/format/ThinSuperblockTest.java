package org.jlvm.thin.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jlvm.pool.block.Checksums;
import org.jlvm.thin.meta.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThinSuperblockTest {
    @TempDir
    Path tmp;

    @Test
    void fieldsFitInOneSector() {
        assertTrue(ThinSuperblock.USED_BYTES <= 512);
        assertEquals(ThinSuperblock.USED_BYTES, ThinSuperblock.OFF_INCOMPAT_FLAGS + 4);
    }

    @Test
    void decodesAndReencodesTheKernelBytes() throws Exception {
        byte[] img = Files.readAllBytes(Vectors.unpack("v2_one_thin", tmp));
        byte[] block = Arrays.copyOf(img, 4096);
        ThinSuperblock sb = ThinSuperblock.decode(block);
        assertEquals(ThinSuperblock.MAGIC, sb.magic());
        assertEquals(1, sb.time());
        assertEquals(5, sb.transactionId());
        assertEquals(1000, sb.dataSpaceMapRoot().nrBlocks());
        assertEquals(6, sb.dataSpaceMapRoot().nrAllocated());
        assertEquals(4, sb.dataSpaceMapRoot().bitmapRoot());
        assertEquals(1024, sb.metadataSpaceMapRoot().nrBlocks());
        assertEquals(7, sb.dataMappingRoot());
        assertEquals(6, sb.deviceDetailsRoot());
        assertEquals(128, sb.dataBlockSize());
        byte[] again = new byte[4096];
        sb.encode(again);
        Checksums.stamp(again, Checksums.SUPERBLOCK_SALT);
        assertArrayEquals(block, again);
        assertEquals(0x549FEFCD, Checksums.stored(again));
    }

    @Test
    void blockTimePacking() {
        assertEquals(0x00000003E7FFFFFFL, new BlockTime(999, 16777215).pack());
        assertEquals(0x0000000007000001L, new BlockTime(7, 1).pack());
        assertEquals(new BlockTime(999, 16777215), BlockTime.unpack(0x00000003E7FFFFFFL));
    }
}
