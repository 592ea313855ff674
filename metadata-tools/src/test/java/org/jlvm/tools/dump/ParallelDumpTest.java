package org.jlvm.tools.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.Set;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.restore.RestoreOverrides;
import org.jlvm.tools.restore.Restorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices rendered on worker threads give the serial dump's exact output, also on damaged metadata. */
public class ParallelDumpTest {
    @TempDir
    Path dir;

    /** A valid pool in thin_dump XML: several devices of runs, some sharing data blocks. */
    public static String pool(Random rnd) {
        long nrData = 1 << 20;
        StringBuilder b = new StringBuilder("<superblock uuid=\"\" time=\"5\" transaction=\"3\" flags=\"0\" "
                + "version=\"2\" data_block_size=\"128\" nr_data_blocks=\"" + nrData + "\">\n");
        int devs = 2 + rnd.nextInt(10);
        for (int dv = 0; dv < devs; dv++) {
            b.append("  <device dev_id=\"").append(dv * 3 + rnd.nextInt(3)).append("\" mapped_blocks=\"0\" "
                    + "transaction=\"0\" creation_time=\"1\" snap_time=\"2\">\n");
            long v = rnd.nextInt(50);
            for (int i = rnd.nextInt(dv % 4 == 3 ? 20 : 4000); i > 0; i--) {
                int len = 1 + rnd.nextInt(16);
                long d = rnd.nextInt((int) nrData - 16);
                b.append("    <range_mapping origin_begin=\"").append(v).append("\" data_begin=\"").append(d)
                        .append("\" length=\"").append(len).append("\" time=\"").append(rnd.nextInt(4))
                        .append("\"/>\n");
                v += len + (rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(4));
            }
            b.append("  </device>\n");
        }
        return b.append("</superblock>\n").toString();
    }

    /** The output (and the failure, if any) of a dump with {@code threads} workers. */
    static String dump(Path image, boolean xml, int threads) throws IOException {
        StringBuilder out = new StringBuilder();
        Emitter e = xml ? new XmlEmitter(out) : new HumanEmitter(out);
        try (MetadataFile f = MetadataFile.open(image, false)) {
            Dumper.dump(f, new DumpOptions(null, false, Set.of()), e, threads);
        } catch (ToolException ex) {
            e.flush();
            out.append("FAILED: ").append(ex.getMessage());
        }
        return out.toString();
    }

    @Test
    void parallelDumpIsByteIdenticalToSerial() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ParallelDumpTest seed " + seed);
        Random rnd = new Random(seed);
        int failures = 0;
        for (int round = 0; round < 6; round++) {
            Path xml = dir.resolve("pool" + round + ".xml");
            Files.writeString(xml, pool(rnd));
            Path image = dir.resolve("pool" + round + ".bin");
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(new byte[1]), (8L << 20) - 1);
            }
            Restorer.restore(xml, image, new RestoreOverrides(null, null, null), null);
            String serial = dump(image, true, 0);
            assertTrue(serial.endsWith("</superblock>\n"), "seed " + seed);
            assertEquals(serial, dump(image, true, 2), "seed " + seed + " round " + round);
            assertEquals(dump(image, false, 0), dump(image, false, 3), "seed " + seed + " round " + round);
            // Now damage some blocks (checksums, then key order) and compare again, failure messages included.
            long used = Files.size(image) / MetadataFile.BLOCK_SIZE;
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                for (int k = 0; k < 3; k++) {
                    long b = 1 + rnd.nextInt((int) Math.min(used - 1, 2000));
                    ch.write(ByteBuffer.wrap(new byte[] {(byte) rnd.nextInt(256)}),
                            b * MetadataFile.BLOCK_SIZE + 40 + rnd.nextInt(4000));
                }
            }
            String damaged = dump(image, true, 0);
            failures += damaged.contains("FAILED: ") ? 1 : 0;
            assertEquals(damaged, dump(image, true, 2), "seed " + seed + " damaged round " + round);
        }
        System.out.println("ParallelDumpTest: " + failures + " of 6 damaged pools failed to dump");
    }
}
