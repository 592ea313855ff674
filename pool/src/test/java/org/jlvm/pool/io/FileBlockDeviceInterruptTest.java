package org.jlvm.pool.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupting a thread in the middle of I/O must not close the device for anyone. */
class FileBlockDeviceInterruptTest {
    @TempDir
    Path dir;

    @Test
    void interruptsDuringIoLeaveTheDeviceWorkingForEveryone() throws Exception {
        Path f = dir.resolve("dev");
        try (FileBlockDevice d = FileBlockDevice.create(f, 1 << 20)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger victimIos = new AtomicInteger();
            AtomicInteger bystanderIos = new AtomicInteger();
            long stopAt = System.nanoTime() + 1_500_000_000L;
            Thread victim = new Thread(() -> ioLoop(d, 0, stopAt, victimIos, failure, true));
            Thread bystander = new Thread(() -> ioLoop(d, 512 * 1024, stopAt, bystanderIos, failure, false));
            victim.start();
            bystander.start();
            int interrupts = 0;
            while (victim.isAlive()) {
                victim.interrupt();
                interrupts++;
                Thread.sleep(0, 200_000);
            }
            victim.join();
            bystander.join();
            assertEquals(null, failure.get(), "no I/O failed");
            assertTrue(victimIos.get() > 100 && bystanderIos.get() > 100, victimIos + " " + bystanderIos);
            assertTrue(interrupts > 100, "interrupts " + interrupts);
            // The caller's interrupt survives the I/O, and the device still works with it pending.
            Thread.currentThread().interrupt();
            d.write(4096, new byte[] {9});
            d.flush();
            assertTrue(Thread.interrupted(), "interrupt status restored");
            assertEquals(9, d.read(4096, 1)[0]);
        }
        try (FileBlockDevice again = FileBlockDevice.open(f, false)) {
            assertEquals(9, again.read(4096, 1)[0], "the lock was released on close");
        }
    }

    private static void ioLoop(FileBlockDevice d, long base, long stopAt, AtomicInteger count,
                               AtomicReference<Throwable> failure, boolean victim) {
        byte[] buf = new byte[64 * 1024];
        try {
            for (int i = 0; System.nanoTime() < stopAt; i++) {
                Arrays.fill(buf, (byte) i);
                long off = base + (long) (i % 8) * buf.length;
                d.write(off, buf);
                if (i % 16 == 0) {
                    d.flush();
                }
                byte[] back = d.read(off, buf.length);
                assertArrayEquals(buf, back, "read back at " + off);
                count.incrementAndGet();
                if (victim) {
                    Thread.interrupted(); // keep going: the test interrupts again
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }
}
