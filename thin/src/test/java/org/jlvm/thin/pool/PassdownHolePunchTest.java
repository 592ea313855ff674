package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.io.HolePunching;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With discard passdown, discarding a volume's blocks punches holes in a file-backed data device. */
class PassdownHolePunchTest {
    @TempDir
    Path tmp;

    static long allocatedBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
        String[] f = new String(p.getInputStream().readAllBytes()).trim().split(" ");
        p.waitFor();
        return Long.parseLong(f[0]) * Long.parseLong(f[1]);
    }

    @Test
    void discardShrinksTheDataFile() throws Exception {
        assertTrue(HolePunching.available(), "util-linux fallocate is needed");
        int blockBytes = 128 * 512;
        Path dataFile = tmp.resolve("data");
        try (FileBlockDevice meta = FileBlockDevice.create(tmp.resolve("meta"), 4L << 20);
             FileBlockDevice data = FileBlockDevice.create(dataFile, 256L * blockBytes);
             ThinPool pool = ThinPool.format(meta, data, 128,
                     ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO))) {
            pool.createThin(1);
            ThinVolume v = pool.volume(1, 256L * blockBytes);
            byte[] chunk = new byte[64 * blockBytes];
            new Random(1).nextBytes(chunk);
            v.write(0, chunk);
            v.flush();
            long before = allocatedBytes(dataFile);
            assertTrue(before >= chunk.length, "written: " + before);
            v.discard(0, 48L * blockBytes);
            v.flush();
            long after = allocatedBytes(dataFile);
            assertTrue(after <= before - 48L * blockBytes, "before " + before + ", after " + after);
            assertArrayEquals(new byte[blockBytes], v.read(0, blockBytes));
            byte[] kept = v.read(48L * blockBytes, 16 * blockBytes);
            assertArrayEquals(java.util.Arrays.copyOfRange(chunk, 48 * blockBytes, 64 * blockBytes), kept);
        }
    }
}
