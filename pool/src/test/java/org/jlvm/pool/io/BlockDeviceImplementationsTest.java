package org.jlvm.pool.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.testing.BlockDeviceContract;
import org.jlvm.pool.testing.FaultyBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDeviceImplementationsTest {
    @TempDir
    static Path tmp;

    @Nested
    class File extends BlockDeviceContract {
        @Override
        protected BlockDevice create(long size) throws IOException {
            return FileBlockDevice.create(tmp.resolve("f" + System.nanoTime()), size);
        }
    }

    @Nested
    class Memory extends BlockDeviceContract {
        @Override
        protected BlockDevice create(long size) {
            return new MemoryBlockDevice(size);
        }
    }

    @Nested
    class Slice extends BlockDeviceContract {
        @Override
        protected BlockDevice create(long size) {
            return new SliceBlockDevice(new MemoryBlockDevice(size + 12345), 12345, size);
        }
    }

    @Nested
    class Concat extends BlockDeviceContract {
        @Override
        protected BlockDevice create(long size) {
            long a = size / 3;
            long b = size / 4;
            return new ConcatBlockDevice(List.of(new MemoryBlockDevice(a), new MemoryBlockDevice(b),
                    new MemoryBlockDevice(size - a - b)));
        }
    }

    @Nested
    class Crashing extends BlockDeviceContract {
        @Override
        protected BlockDevice create(long size) {
            return new CrashSimulatingBlockDevice(new MemoryBlockDevice(size));
        }
    }

    @Test
    void fileDiscardPunchesAHole() throws Exception {
        Path f = tmp.resolve("holes");
        try (FileBlockDevice d = FileBlockDevice.create(f, 4 << 20)) {
            assertEquals(true, d.supportsDiscard(), "util-linux fallocate is needed");
            byte[] data = new byte[4 << 20];
            new Random(7).nextBytes(data);
            d.write(0, data);
            d.flush();
            long before = allocated(f);
            d.discard(1 << 20, 2 << 20);
            long after = allocated(f);
            assertEquals(true, after <= before - (2 << 20), "before " + before + ", after " + after);
            assertArrayEquals(new byte[2 << 20], d.read(1 << 20, 2 << 20));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 0, 1 << 20), d.read(0, 1 << 20));
        }
    }

    private static long allocated(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
        String[] f = new String(p.getInputStream().readAllBytes()).trim().split(" ");
        p.waitFor();
        return Long.parseLong(f[0]) * Long.parseLong(f[1]);
    }

    @Test
    void crashDropsExactlyWhatWasNotFlushed() throws IOException {
        CrashSimulatingBlockDevice d = new CrashSimulatingBlockDevice(new MemoryBlockDevice(1 << 16));
        d.write(0, new byte[] {1, 2, 3});
        d.flush();
        d.write(1, new byte[] {9});
        d.write(5000, new byte[] {7});
        assertArrayEquals(new byte[] {1, 9, 3}, d.read(0, 3));
        d.crash(CrashMode.DROP_ALL, null);
        assertArrayEquals(new byte[] {1, 2, 3}, d.read(0, 3));
        assertEquals(0, d.read(5000, 1)[0]);
    }

    @Test
    void discardsAreVolatileZeroesUntilFlushed() throws IOException {
        MemoryBlockDevice base = new MemoryBlockDevice(1 << 20);
        CrashSimulatingBlockDevice d = new CrashSimulatingBlockDevice(base);
        byte[] ones = new byte[1 << 20];
        java.util.Arrays.fill(ones, (byte) 1);
        d.write(0, ones);
        d.flush();
        d.discard(100, 10_000); // partial sectors at both ends
        d.write(4096, new byte[] {5, 5});
        byte[] seen = d.read(0, 12_000);
        for (int i = 0; i < 12_000; i++) {
            byte want = i < 100 || i >= 10_100 ? 1 : i == 4096 || i == 4097 ? (byte) 5 : 0;
            assertEquals(want, seen[i], "byte " + i + " before the crash");
        }
        d.crash(CrashMode.DROP_ALL, null);
        assertArrayEquals(java.util.Arrays.copyOf(ones, 12_000), d.read(0, 12_000), "an unflushed discard is lost");
        d.discard(0, 1 << 20);
        d.write(1000, new byte[] {7});
        d.flush();
        assertEquals(0, base.read(999, 1)[0]);
        assertEquals(7, base.read(1000, 1)[0], "a write after a discard wins");
        assertArrayEquals(new byte[4096], base.read(1 << 19, 4096), "the discard reached the backing device");
    }

    @Test
    void subsetCrashKeepsEachSectorOldOrNew() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        MemoryBlockDevice base = new MemoryBlockDevice(1 << 16);
        CrashSimulatingBlockDevice d = new CrashSimulatingBlockDevice(base);
        byte[] old = new byte[8192];
        java.util.Arrays.fill(old, (byte) 1);
        d.write(0, old);
        d.flush();
        byte[] neu = new byte[8192];
        java.util.Arrays.fill(neu, (byte) 2);
        d.write(0, neu);
        int kept = d.crash(CrashMode.SUBSET, r);
        byte[] after = d.read(0, 8192);
        int newSectors = 0;
        for (int s = 0; s < 16; s++) {
            byte v = after[s * 512];
            for (int i = 0; i < 512; i++) {
                assertEquals(v, after[s * 512 + i], "seed " + seed + ": sector " + s + " is torn inside");
            }
            if (v == 2) {
                newSectors++;
            }
        }
        assertEquals(kept, newSectors, "seed " + seed);
    }

    @Test
    void faultyDeviceFailsTheNthIoAndTearsWrites() throws IOException {
        FaultyBlockDevice d = new FaultyBlockDevice(new MemoryBlockDevice(1 << 16));
        d.write(0, new byte[4096]);
        d.flush();
        d.failAfter(2);
        d.write(0, new byte[] {5});
        assertThrows(IOException.class, () -> d.write(1, new byte[] {6}));
        assertThrows(IOException.class, () -> d.read(0, 1), "a failed device stays failed");
        d.crash();
        assertEquals(0, d.read(0, 1)[0], "the unflushed write is gone");
        byte[] full = new byte[4096];
        java.util.Arrays.fill(full, (byte) 3);
        d.tearAfter(1, 2);
        assertThrows(IOException.class, () -> d.write(0, full));
        Random keepAll = new Random() {
            @Override
            public boolean nextBoolean() {
                return true;
            }
        };
        d.crash(CrashMode.SUBSET, keepAll);
        byte[] got = d.read(0, 4096);
        assertEquals(3, got[1023]);
        assertEquals(0, got[1024], "only the first two sectors landed");
    }
}
