package org.jlvm.tools.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.io.SliceBlockDevice;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.restore.RestoreOverrides;
import org.jlvm.tools.restore.Restorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * thin_check on metadata read in place from a slice of a bigger device (as a pool's {@code _tmeta} inside a PV file)
 * reports what the check of the same bytes as a file reports, clean and damaged; {@code --clear-needs-check-flag}
 * through the device clears the flag and writes nothing outside the slice.
 */
class DeviceCheckTest {
    private static final long META = 8L << 20;
    private static final long AT = 3L << 20;
    private static final CheckOptions PLAIN = new CheckOptions(false, false, false, false, false, false, null);
    private static final CheckOptions CLEAR = new CheckOptions(false, false, false, false, true, false, null);

    @TempDir
    Path dir;

    private static String text(CheckReport r) {
        return r.out() + "\n" + r.err() + "\n" + r.outcome();
    }

    /** The image {@code meta} placed at {@link #AT} of a file with 1 MiB of 0xee bytes after it. */
    private Path embed(Path meta) throws Exception {
        Path pv = dir.resolve("pv.img");
        byte[] fill = new byte[(int) AT];
        Arrays.fill(fill, (byte) 0xee);
        try (FileChannel ch = FileChannel.open(pv, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(fill), 0);
            ch.write(ByteBuffer.wrap(Files.readAllBytes(meta)), AT);
            ch.write(ByteBuffer.wrap(fill, 0, 1 << 20), AT + META);
        }
        return pv;
    }

    /** A random pool's metadata restored into an 8 MiB image. */
    private Path image(Random rnd) throws Exception {
        Path xml = dir.resolve("pool.xml");
        Files.writeString(xml, org.jlvm.tools.dump.ParallelDumpTest.pool(rnd));
        Path image = dir.resolve("meta.bin");
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[1]), META - 1);
        }
        Restorer.restore(xml, image, new RestoreOverrides(null, null, null), null);
        return image;
    }

    private static CheckReport onDevice(Path pv, CheckOptions o) throws Exception {
        try (FileBlockDevice d = FileBlockDevice.open(pv, false);
                MetadataFile f = MetadataFile.of(new SliceBlockDevice(d, AT, META), "pv.img slice")) {
            return Checker.check(f, o);
        }
    }

    private static CheckReport onFile(Path image) throws Exception {
        try (MetadataFile f = MetadataFile.open(image, false)) {
            return Checker.check(f, PLAIN);
        }
    }

    @Test
    void deviceCheckReportsWhatTheFileCheckDoes() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("DeviceCheckTest seed " + seed);
        Random rnd = new Random(seed);
        Path image = image(rnd);
        String clean = text(onFile(image));
        assertTrue(clean.endsWith("SUCCESS"), clean);
        assertEquals(clean, text(onDevice(embed(image), PLAIN)));
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            for (int k = 0; k < 3; k++) {
                long b = 1 + rnd.nextInt(1500);
                ch.write(ByteBuffer.wrap(new byte[] {(byte) (1 + rnd.nextInt(255))}),
                        b * MetadataFile.BLOCK_SIZE + 40 + rnd.nextInt(4000));
            }
        }
        assertEquals(text(onFile(image)), text(onDevice(embed(image), PLAIN)), "seed " + seed);
    }

    @Test
    void clearNeedsCheckWritesThroughTheDeviceOnly() throws Exception {
        Path image = image(new Random(7));
        byte[] sb = new byte[MetadataFile.BLOCK_SIZE];
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.read(ByteBuffer.wrap(sb), 0);
            ThinSuperblock s = ThinSuperblock.decode(sb);
            s.withFlags(s.flags() | ThinSuperblock.NEEDS_CHECK).encode(sb);
            Checksums.stamp(sb, Checksums.SUPERBLOCK_SALT);
            ch.write(ByteBuffer.wrap(sb), 0);
        }
        Path pv = embed(image);
        byte[] before = Files.readAllBytes(pv);
        CheckReport r = onDevice(pv, CLEAR);
        assertEquals(CheckReport.Outcome.SUCCESS, r.outcome(), text(r));
        assertTrue(r.err().contains("cleared needs_check flag"), text(r));
        byte[] after = Files.readAllBytes(pv);
        assertFalse(ThinSuperblock.decode(Arrays.copyOfRange(after, (int) AT, (int) AT + 4096)).needsCheck());
        assertArrayEquals(Arrays.copyOfRange(before, 0, (int) AT), Arrays.copyOfRange(after, 0, (int) AT));
        assertArrayEquals(Arrays.copyOfRange(before, (int) (AT + 4096), before.length),
                Arrays.copyOfRange(after, (int) (AT + 4096), after.length), "only the superblock changed");
    }
}
