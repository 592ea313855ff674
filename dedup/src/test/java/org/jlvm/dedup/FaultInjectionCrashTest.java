package org.jlvm.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.testing.FaultyBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/**
 * Fails or tears the Nth backing I/O at many seeded points (inside writes, packer writes, commits), then
 * power-cuts and reopens: every block must equal the model at the last completed flush (or, when the
 * failure hit a flush, the model at that flush).
 */
class FaultInjectionCrashTest {
    private static final int B = 4096;
    private static final int BLOCKS = 512;

    private static byte[] content(long key) {
        byte[] b = new byte[B];
        if (key == 0) {
            return b;
        }
        Random r = new Random(key);
        if (key % 2 == 0) {
            r.nextBytes(b);
        } else {
            for (int i = 0; i < B; i++) {
                b[i] = (byte) ('a' + r.nextInt(6));
            }
        }
        return b;
    }

    /** How the test machine fails. */
    private enum Fault { FAIL, TEAR, REORDER }

    private static int runOne(long seed, Fault fault, CrashMode mode) throws IOException {
        Random r = new Random(seed);
        MemoryBlockDevice mem = new MemoryBlockDevice(3L << 20);
        FaultyBlockDevice faulty = new FaultyBlockDevice(mem);
        BlockReorderingDevice reordering = new BlockReorderingDevice(mem);
        org.jlvm.pool.io.BlockDevice target = fault == Fault.REORDER ? reordering : faulty;
        DedupOptions opts = DedupOptions.ofLogicalSize((long) BLOCKS * B).withIndexSlots(1024);
        DedupDevice dev = DedupDevice.format(target, opts);
        long[] model = new long[BLOCKS];
        long[] durable = new long[BLOCKS];
        long[] inFlight = null;
        long n = 1 + r.nextInt(600);
        switch (fault) {
            case TEAR -> faulty.tearAfter(n, r.nextInt(8));
            case FAIL -> faulty.failAfter(n);
            default -> reordering.failAfter(n);
        }
        int ops = 0;
        try {
            while (ops < 5000) {
                ops++;
                int d = r.nextInt(10);
                if (d < 6) {
                    int len = 1 + r.nextInt(4);
                    int lba = r.nextInt(BLOCKS - len);
                    byte[] data = new byte[len * B];
                    long[] keys = new long[len];
                    for (int i = 0; i < len; i++) {
                        keys[i] = r.nextInt(5) == 0 ? 0 : r.nextInt(3) == 0 ? 1 + r.nextInt(8) : 100 + r.nextInt(1 << 20);
                        System.arraycopy(content(keys[i]), 0, data, i * B, B);
                    }
                    dev.write((long) lba * B, ByteBuffer.wrap(data));
                    System.arraycopy(keys, 0, model, lba, len);
                } else if (d < 7) {
                    int len = 1 + r.nextInt(16);
                    int lba = r.nextInt(BLOCKS - len);
                    dev.discard((long) lba * B, (long) len * B);
                    Arrays.fill(model, lba, lba + len, 0);
                } else {
                    inFlight = model.clone();
                    dev.flush();
                    durable = inFlight;
                    inFlight = null;
                }
            }
        } catch (IOException expected) {
            // the injected fault: the machine dies here
        }
        dev.halt();
        if (fault == Fault.REORDER) {
            reordering.crash(r);
        } else {
            faulty.crash(mode, r);
        }
        try (DedupDevice reopened = DedupDevice.open(target, DedupOptions.forOpen())) {
            boolean matchesDurable = true;
            boolean matchesInFlight = inFlight != null;
            for (int lba = 0; lba < BLOCKS; lba++) {
                byte[] got = reopened.read((long) lba * B, B);
                matchesDurable &= Arrays.equals(got, content(durable[lba]));
                if (inFlight != null) {
                    matchesInFlight &= Arrays.equals(got, content(inFlight[lba]));
                }
            }
            assertTrue(matchesDurable || matchesInFlight, "seed " + seed + " fault at I/O " + n
                    + ": reopened state is neither the last flush nor the interrupted one");
            assertTrue(reopened.readOnlyReason() == null, "seed " + seed + ": " + reopened.readOnlyReason());
            byte[] fresh = content(424242);
            reopened.write(0, fresh);
            reopened.flush();
            assertArrayEquals(fresh, reopened.read(0, B));
        }
        return ops;
    }

    @Test
    void failedIoAtSeededPointsThenCrash() throws IOException {
        for (long seed = 1; seed <= 80; seed++) {
            System.out.println("FaultInjectionCrashTest fail seed=" + seed);
            runOne(seed, Fault.FAIL, seed % 2 == 0 ? CrashMode.DROP_ALL : CrashMode.SUBSET);
        }
    }

    @Test
    void tornWritesAtSeededPointsThenRandomSectorsSurvive() throws IOException {
        for (long seed = 100; seed <= 160; seed++) {
            System.out.println("FaultInjectionCrashTest tear seed=" + seed);
            runOne(seed, Fault.TEAR, CrashMode.SUBSET);
        }
    }

    @Test
    void failedIoThenWholeBlocksSurviveInAnyOrder() throws IOException {
        for (long seed = 200; seed <= 300; seed++) {
            System.out.println("FaultInjectionCrashTest reorder seed=" + seed);
            runOne(seed, Fault.REORDER, CrashMode.SUBSET);
        }
    }
}
