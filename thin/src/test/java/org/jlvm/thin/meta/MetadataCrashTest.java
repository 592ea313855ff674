package org.jlvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.testing.FaultyBlockDevice;
import org.jlvm.thin.format.BlockTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts and torn writes at every I/O of a commit: after reopening, the metadata holds exactly the last
 * committed state (or the new one, when the superblock made it), and the real thin_check accepts it.
 */
class MetadataCrashTest {
    @TempDir
    Path tmp;

    /** Everything observable: devices, their mappings, transaction id. */
    private static Map<Long, TreeMap<Long, Long>> capture(PoolMetadata pm) throws IOException {
        Map<Long, TreeMap<Long, Long>> s = new TreeMap<>();
        for (long d : pm.devices()) {
            TreeMap<Long, Long> m = new TreeMap<>();
            pm.forEachMapping(d, 0, -1L, (vb, bt) -> {
                m.put(vb, BlockTime.blockOf(bt));
                return true;
            });
            m.put(-1L, pm.details(d).mappedBlocks());
            s.put(d, m);
        }
        s.put(-1L, new TreeMap<>(Map.of(0L, pm.stats().transactionId())));
        return s;
    }

    private static void randomOps(PoolMetadata pm, Random r, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            List<Long> devs = pm.devices();
            int p = r.nextInt(100);
            if (devs.isEmpty() || p < 5) {
                long id = devs.isEmpty() ? 0 : devs.get(devs.size() - 1) + 1;
                pm.createThin(id);
            } else if (p < 10) {
                pm.createSnapshot(devs.get(devs.size() - 1) + 1, devs.get(r.nextInt(devs.size())));
            } else if (p < 12 && devs.size() > 2) {
                pm.deleteDevice(devs.get(r.nextInt(devs.size())));
            } else if (p < 80) {
                long d = devs.get(r.nextInt(devs.size()));
                long vb = r.nextInt(5000);
                pm.insert(d, vb, pm.allocateDataBlock());
            } else if (p < 95) {
                long d = devs.get(r.nextInt(devs.size()));
                long vb = r.nextInt(5000);
                pm.removeRange(d, vb, vb + r.nextInt(50));
            } else {
                long t = pm.stats().transactionId();
                pm.setTransactionId(t, t + 1);
            }
        }
    }

    @Test
    void failAndTearEveryIoOfACommit() throws Exception {
        long seed = System.nanoTime();
        System.out.println("MetadataCrashTest seed=" + seed);
        Random r = new Random(seed);
        int points = 0;
        int checked = 0;
        for (int round = 0; round < 4; round++) {
            Path file = tmp.resolve("meta" + round);
            try (FaultyBlockDevice dev = new FaultyBlockDevice(FileBlockDevice.create(file, 4L << 20))) {
                PoolMetadata pm = PoolMetadata.format(dev, 128, 100_000, 1 << 20);
                randomOps(pm, r, 300);
                pm.commit();
                dev.flush();
                // Measure the I/Os of one commit.
                long before = dev.ioCount();
                Map<Long, TreeMap<Long, Long>> s1 = capture(pm);
                randomOps(pm, r, 200);
                pm.commit();
                long ios = dev.ioCount() - before;
                Map<Long, TreeMap<Long, Long>> s2 = capture(pm);
                pm.close();
                for (long k = 1; k <= ios + 1; k++) {
                    // Reopen at s2, make a change, commit with a fault at I/O k, crash, reopen.
                    pm = PoolMetadata.open(dev, 1 << 20, false);
                    Map<Long, TreeMap<Long, Long>> base = capture(pm);
                    assertTrue(base.equals(s2) || base.equals(s1), "seed " + seed);
                    randomOps(pm, r, 50);
                    Map<Long, TreeMap<Long, Long>> next = capture(pm);
                    boolean tear = r.nextBoolean();
                    if (tear) {
                        dev.tearAfter(k, r.nextInt(8));
                    } else {
                        dev.failAfter(k);
                    }
                    boolean committed;
                    try {
                        pm.commit();
                        committed = true;
                    } catch (IOException e) {
                        committed = false;
                    }
                    pm.close();
                    dev.crash(r.nextBoolean() ? CrashMode.SUBSET : CrashMode.DROP_ALL, r);
                    points++;
                    try (PoolMetadata again = PoolMetadata.open(dev, 1 << 20, true)) {
                        Map<Long, TreeMap<Long, Long>> got = capture(again);
                        if (committed) {
                            assertEquals(next, got, "seed " + seed + ": a completed commit was lost at I/O " + k);
                        } else if (!got.equals(base) && !got.equals(next)) {
                            fail("seed " + seed + ": after a fault at I/O " + k + (tear ? " (torn)" : "")
                                    + " the metadata is neither the old nor the new state");
                        }
                        s1 = base;
                        s2 = got;
                    }
                    dev.flush();
                    if (k % 7 == 0) {
                        Vectors.ToolRun run = Vectors.thinCheck(file, "-q");
                        assertEquals(0, run.rc(), "seed " + seed + " I/O " + k + ": thin_check: " + run.output());
                        checked++;
                    }
                }
            }
        }
        assertTrue(points > 100, "crash points: " + points);
        assertTrue(checked > 10, "thin_check runs: " + checked);
        System.out.println("MetadataCrashTest: " + points + " crash points, " + checked + " thin_check runs");
    }
}
