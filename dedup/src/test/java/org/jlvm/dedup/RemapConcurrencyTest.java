package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/**
 * Write-zeroes and discard race sub-block writes to the same block (as an NBD server issues them): every
 * sector the sub-block write did not touch must read as zeroes afterwards, never as the block's old bytes.
 */
class RemapConcurrencyTest {
    private static final int B = 4096;
    private static final int SECTOR = 512;

    private static void race(long seed, boolean discard) throws Exception {
        System.out.println("RemapConcurrencyTest seed=" + seed + " discard=" + discard);
        Random r = new Random(seed);
        int blocks = 2000;
        MemoryBlockDevice backing = new MemoryBlockDevice(32L << 20);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int resurrected = 0;
        try (DedupDevice dev = DedupDevice.format(backing,
                DedupOptions.ofLogicalSize((long) blocks * B).withIndexSlots(4096))) {
            for (int round = 0; round < blocks; round++) {
                long lba = round;
                // text goes through LZ4 and the packer (a longer read-modify-write), random bytes are stored raw
                byte[] old = round % 2 == 0 ? DedupDeviceTest.textBlock(r) : DedupDeviceTest.randomBlock(r);
                for (int s = 0; s < B / SECTOR; s++) {
                    old[s * SECTOR] = (byte) 0x7f; // every sector starts with a non-zero marker
                }
                dev.write(lba * B, old);
                int sector = r.nextInt(B / SECTOR);
                byte[] patch = new byte[SECTOR];
                java.util.Arrays.fill(patch, (byte) 0x11);
                int spin = r.nextInt(200);
                CyclicBarrier go = new CyclicBarrier(2);
                Future<?> a = pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < spin; i++) {
                        Thread.onSpinWait();
                    }
                    if (discard) {
                        dev.discard(lba * B, B);
                    } else {
                        dev.writeZeroes(lba * B, B);
                    }
                    return null;
                });
                Future<?> w = pool.submit(() -> {
                    go.await();
                    dev.write(lba * B + (long) sector * SECTOR, patch);
                    return null;
                });
                a.get();
                w.get();
                byte[] got = dev.read(lba * B, B);
                for (int s = 0; s < B / SECTOR; s++) {
                    byte first = got[s * SECTOR];
                    if (s == sector) {
                        assertTrue(first == 0 || first == 0x11, "seed " + seed + " round " + round);
                    } else if (first != 0) {
                        resurrected++;
                        break;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, resurrected, "seed " + seed + ": blocks whose old bytes came back after "
                + (discard ? "a discard" : "write-zeroes"));
    }

    @Test
    void writeZeroesAgainstConcurrentSubBlockWrites() throws Exception {
        race(71, false);
    }

    @Test
    void discardAgainstConcurrentSubBlockWrites() throws Exception {
        race(72, true);
    }
}
