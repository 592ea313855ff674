package org.jlvm.tools.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.jlvm.pool.block.Checksums;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.restore.RestoreOverrides;
import org.jlvm.tools.restore.Restorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * thin_check with its helper threads (mapped_blocks recount, data reference counting) reports exactly what
 * the all-on-one-thread check reports, on clean and on damaged images.
 */
class ConcurrentCheckTest {
    @TempDir
    Path dir;

    private static final CheckOptions PLAIN = new CheckOptions(false, false, false, false, false, false, null);

    private static String report(Path image, boolean concurrent) throws Exception {
        try (MetadataFile f = MetadataFile.open(image, false)) {
            CheckReport r = Checker.check(f, PLAIN, concurrent);
            return r.out() + "\n" + r.err() + "\n" + r.outcome();
        }
    }

    private static void patch(Path image, long pos, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), pos);
        }
    }

    /** Adds one to the mapped_blocks of the first device in the details tree's root (re-stamped). */
    private static void wrongMappedBlocks(Path image) throws IOException {
        byte[] sb = new byte[MetadataFile.BLOCK_SIZE];
        byte[] d = new byte[MetadataFile.BLOCK_SIZE];
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.read(ByteBuffer.wrap(sb), 0);
            long root = ThinSuperblock.decode(sb).deviceDetailsRoot();
            ch.read(ByteBuffer.wrap(d), root * MetadataFile.BLOCK_SIZE);
            int max = ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(20);
            int off = 32 + 8 * max;
            d[off]++;
            Checksums.stamp(d, Checksums.BTREE_NODE_SALT);
            ch.write(ByteBuffer.wrap(d), root * MetadataFile.BLOCK_SIZE);
        }
    }

    @Test
    void concurrentCheckReportsWhatTheSerialOneDoes() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ConcurrentCheckTest seed " + seed);
        Random rnd = new Random(seed);
        int damagedVerdicts = 0;
        for (int round = 0; round < 6; round++) {
            Path xml = dir.resolve("pool" + round + ".xml");
            Files.writeString(xml, org.jlvm.tools.dump.ParallelDumpTest.pool(rnd));
            Path image = dir.resolve("pool" + round + ".bin");
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[1]), (8L << 20) - 1);
            }
            Restorer.restore(xml, image, new RestoreOverrides(null, null, null), null);
            String clean = report(image, false);
            assertTrue(clean.endsWith("SUCCESS"), "seed " + seed + ": " + clean);
            assertEquals(clean, report(image, true));
            if (round % 2 == 0) {
                wrongMappedBlocks(image);
            } else {
                for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                    long b = 1 + rnd.nextInt(1500);
                    patch(image, b * MetadataFile.BLOCK_SIZE + 40 + rnd.nextInt(4000),
                            new byte[] {(byte) (1 + rnd.nextInt(255))});
                }
            }
            String serial = report(image, false);
            damagedVerdicts += serial.endsWith("SUCCESS") ? 0 : 1;
            assertEquals(serial, report(image, true), "seed " + seed + " round " + round);
        }
        assertTrue(damagedVerdicts >= 3, "the mapped_blocks damage is always found");
    }
}
