package org.jlvm.tools.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import org.jlvm.pool.block.BlockManager;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.sm.disk.MetadataSpaceMap;
import org.jlvm.pool.tx.TransactionManager;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.thin.meta.PoolMetadata;

/** Comparisons of metadata images for the pack tests; which blocks are in use comes from the pool's space map. */
final class PackImages {
    private static final int BS = ToolHarness.BS;
    private static final java.util.Set<Integer> SALTS = java.util.Set.of(Checksums.SUPERBLOCK_SALT,
            Checksums.BTREE_NODE_SALT, Checksums.BITMAP_SALT, Checksums.INDEX_SALT);

    private PackImages() {
    }

    /** Blocks with a non-zero count in the metadata space map (read by the pool library), and block 0. */
    static BitSet inUse(Path img) throws IOException {
        BitSet used = new BitSet();
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             BlockManager bm = new BlockManager(dev, 8L << 20)) {
            ThinSuperblock sb = PoolMetadata.readSuperblock(bm);
            MetadataSpaceMap sm = MetadataSpaceMap.open(new TransactionManager(bm), sb.metadataSpaceMapRoot());
            long n = Math.min(sm.nrBlocks(), Files.size(img) / BS);
            for (long b = 0; b < n; b++) {
                if (sm.count(b) > 0) {
                    used.set((int) b);
                }
            }
        }
        used.set(0);
        return used;
    }

    /** Blocks whose checksum carries a persistent-data salt (what 1.x packs). */
    static BitSet validChecksums(Path img) throws IOException {
        BitSet valid = new BitSet();
        long n = Files.size(img) / BS;
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            for (long b = 0; b < n; b++) {
                byte[] d = read(ch, b);
                if (SALTS.contains(Checksums.saltOf(d))) {
                    valid.set((int) b);
                }
            }
        }
        return valid;
    }

    static byte[] read(FileChannel ch, long b) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BS);
        while (buf.hasRemaining() && ch.read(buf, b * BS + buf.position()) >= 0) {
            // fill
        }
        return buf.array();
    }

    /**
     * The unpacked image has the original's size and bytes in every block of {@code blocks}; with
     * {@code restElseZero} every other block of it is zero. Returns the number of blocks compared.
     */
    static int assertSameBlocks(Path original, Path unpacked, BitSet blocks, boolean restElseZero, String what)
            throws IOException {
        assertEquals(Files.size(original), Files.size(unpacked), what + ": size");
        byte[] zero = new byte[BS];
        try (FileChannel a = FileChannel.open(original, StandardOpenOption.READ);
             FileChannel b = FileChannel.open(unpacked, StandardOpenOption.READ)) {
            long n = Files.size(original) / BS;
            for (long i = 0; i < n; i++) {
                if (blocks.get((int) i)) {
                    assertArrayEquals(read(a, i), read(b, i), what + ": block " + i);
                } else if (restElseZero) {
                    assertArrayEquals(zero, read(b, i), what + ": block " + i + " is not in use but is not zero");
                }
            }
        }
        return blocks.cardinality();
    }
}
