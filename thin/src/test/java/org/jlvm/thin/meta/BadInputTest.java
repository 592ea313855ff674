package org.jlvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged metadata gives a clear CorruptMetadataException naming the block, never a wrong answer. */
class BadInputTest {
    @TempDir
    Path tmp;

    private CorruptMetadataException openFails(Path img) throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            return assertThrows(CorruptMetadataException.class, () -> PoolMetadata.open(dev, 1 << 20, true));
        }
    }

    private static void patch(Path img, long offset, byte... bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    @Test
    void truncatedFile() throws IOException {
        Path img = Vectors.unpack("v3_snapshots", tmp);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(5 * 4096);
        }
        CorruptMetadataException e = openFails(img);
        assertTrue(e.getMessage().contains("256 blocks") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path img = tmp.resolve("empty");
        Files.createFile(img);
        CorruptMetadataException e = openFails(img);
        assertEquals(0, e.block());
    }

    @Test
    void zeroedSuperblock() throws IOException {
        Path img = Vectors.unpack("v2_one_thin", tmp);
        patch(img, 0, new byte[4096]);
        CorruptMetadataException e = openFails(img);
        assertEquals(0, e.block());
        assertTrue(e.getMessage().startsWith("superblock block 0:"), e.getMessage());
    }

    @Test
    void badChecksumInAMappingLeaf() throws IOException {
        Path img = Vectors.unpack("v2_one_thin", tmp);
        patch(img, 10 * 4096 + 100, (byte) 0x55); // device 1's leaf
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             PoolMetadata pm = PoolMetadata.open(dev, 1 << 20, true)) {
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> pm.lookup(1, 0));
            assertEquals(10, e.block());
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    @Test
    void wrongBlocknrIsRejected() throws IOException {
        Path img = Vectors.unpack("v2_one_thin", tmp);
        // Copy the valid leaf of block 10 over block 11: right checksum, wrong location.
        byte[] leaf = Files.readAllBytes(img);
        patch(img, 11 * 4096, java.util.Arrays.copyOfRange(leaf, 10 * 4096, 11 * 4096));
        patch(img, 7 * 4096 + 2048, (byte) 11); // level-0 leaf value for device 1 -> block 11 (csum now bad too)
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             PoolMetadata pm = PoolMetadata.open(dev, 1 << 20, true)) {
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> pm.lookup(1, 0));
            assertEquals(7, e.block(), "the patched top-level leaf fails its checksum first");
        }
        // Fix nothing but point the superblock's mapping root at the copy: blocknr mismatch.
        Path img2 = Vectors.unpack("v2_one_thin", Files.createDirectories(tmp.resolve("second")));
        byte[] all = Files.readAllBytes(img2);
        patch(img2, 12 * 4096, java.util.Arrays.copyOfRange(all, 10 * 4096, 11 * 4096));
        try (FileBlockDevice dev = FileBlockDevice.open(img2, true);
             org.jlvm.pool.block.BlockManager bm = new org.jlvm.pool.block.BlockManager(dev, 1 << 20)) {
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class,
                    () -> bm.read(12, org.jlvm.pool.btree.NodeValidator.INSTANCE));
            assertEquals(12, e.block());
            assertEquals("btree node block 12: blocknr 10 != expected 12", e.getMessage());
        }
    }

    /** Sets the u64 or u32 at {@code off} of block {@code b} and recomputes its checksum with {@code salt}. */
    private static void restamped(Path img, long b, int off, long value, int width, int salt) throws IOException {
        byte[] d = java.util.Arrays.copyOfRange(Files.readAllBytes(img), (int) (b * 4096), (int) (b * 4096 + 4096));
        for (int i = 0; i < width; i++) {
            d[off + i] = (byte) (value >>> (8 * i));
        }
        org.jlvm.pool.block.Checksums.stamp(d, salt);
        patch(img, b * 4096, d);
    }

    @Test
    void impossibleSpaceMapSizesAreRejectedBeforeAnythingIsSizedFromThem() throws IOException {
        // metadata nr_blocks at 192, data nr_blocks at 64: 2^62 and 2^64-1 once ended in OutOfMemoryError or
        // NegativeArraySizeException; 2^40 data blocks need more bitmaps than the 4 MiB device has blocks
        long[][] cases = {{192, 1L << 62}, {192, -1L}, {64, 1L << 62}, {64, -1L}, {64, 1L << 40}};
        int i = 0;
        for (long[] c : cases) {
            Path img = Vectors.unpack("v2_one_thin", Files.createDirectories(tmp.resolve("sm" + i++)));
            restamped(img, 0, (int) c[0], c[1], 8, org.jlvm.pool.block.Checksums.SUPERBLOCK_SALT);
            CorruptMetadataException e = openFails(img);
            assertEquals(0, e.block(), e.getMessage());
            assertTrue(e.getMessage().contains(Long.toUnsignedString(c[1])), e.getMessage());
        }
    }

    @Test
    void nodesThatAreNeitherOrBothInternalAndLeafAreRejected() throws IOException {
        for (int flags : new int[] {0, 3, 6}) {
            Path img = Vectors.unpack("v2_one_thin", Files.createDirectories(tmp.resolve("flags" + flags)));
            restamped(img, 10, 4, flags, 4, org.jlvm.pool.block.Checksums.BTREE_NODE_SALT); // device 1's leaf
            try (FileBlockDevice dev = FileBlockDevice.open(img, true);
                 PoolMetadata pm = PoolMetadata.open(dev, 1 << 20, true)) {
                CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> pm.lookup(1, 0));
                assertEquals(10, e.block());
                assertTrue(e.getMessage().contains("flags " + flags), e.getMessage());
            }
        }
    }

    @Test
    void aLeafWithAnotherValueSizeIsRejected() throws IOException {
        Path img = Vectors.unpack("v2_one_thin", tmp);
        restamped(img, 10, 24, 4, 4, org.jlvm.pool.block.Checksums.BTREE_NODE_SALT); // 8-byte mappings said to be 4
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             PoolMetadata pm = PoolMetadata.open(dev, 1 << 20, true)) {
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> pm.lookup(1, 0));
            assertEquals(10, e.block());
            assertTrue(e.getMessage().contains("value_size 4 != expected 8"), e.getMessage());
        }
    }

    @Test
    void metadataDeviceTooSmallToFormat() {
        MemoryBlockDevice tiny = new MemoryBlockDevice(8 * 4096);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolMetadata.format(tiny, 128, 1000, 1 << 20));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }

    @Test
    void aFreshlyFormattedPoolReopens() throws Exception {
        Path img = tmp.resolve("fresh");
        try (FileBlockDevice dev = FileBlockDevice.create(img, 1L << 20)) {
            PoolMetadata.format(dev, 128, 40_000, 1 << 20).close();
        }
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             PoolMetadata pm = PoolMetadata.open(dev, 1 << 20, true)) {
            assertEquals(40_000, pm.stats().dataBlocks());
            assertEquals(0, pm.stats().dataUsed());
            assertEquals(0, pm.devices().size());
        }
        Vectors.ToolRun run = Vectors.thinCheck(img);
        assertEquals(0, run.rc(), run.output());
    }

    @Test
    void pointerBeyondTheDeviceIsNamed() throws IOException {
        Path img = Vectors.unpack("v2_one_thin", tmp);
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             org.jlvm.pool.block.BlockManager bm = new org.jlvm.pool.block.BlockManager(dev, 1 << 20)) {
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class,
                    () -> bm.read(5000, org.jlvm.pool.btree.NodeValidator.INSTANCE));
            assertEquals(5000, e.block());
            assertTrue(e.getMessage().contains("beyond the end"), e.getMessage());
        }
    }
}
