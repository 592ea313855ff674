package org.jlvm.tools.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.jlvm.tools.dump.ParallelDumpTest;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.xml.XmlPoolReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast restore (byte reader + builder thread) writes exactly the image the serial StAX restore writes. */
class PipelinedRestoreTest {
    @TempDir
    Path dir;

    private Path blank(String name) throws Exception {
        Path p = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[1]), (8L << 20) - 1);
        }
        return p;
    }

    @Test
    void fastRestoreWritesTheSerialImage() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("PipelinedRestoreTest seed " + seed);
        Random rnd = new Random(seed);
        for (int round = 0; round < 5; round++) {
            Path xml = dir.resolve("pool" + round + ".xml");
            Files.writeString(xml, ParallelDumpTest.pool(rnd));
            Path fast = blank("fast" + round + ".bin");
            try (MetadataFile out = MetadataFile.open(fast, true)) {
                assertTrue(Restorer.restoreFast(xml, out, new RestoreOverrides(null, null, null), null),
                        "the fast path took thin_dump's shape");
            }
            Path serial = blank("serial" + round + ".bin");
            try (MetadataFile out = MetadataFile.open(serial, true); InputStream in = Files.newInputStream(xml)) {
                PoolWriter w = new PoolWriter(out, new RestoreOverrides(null, null, null));
                XmlPoolReader.read(in, w);
                assertTrue(w.finished());
            }
            assertArrayEquals(Files.readAllBytes(serial), Files.readAllBytes(fast), "seed " + seed + " round " + round);
        }
    }
}
