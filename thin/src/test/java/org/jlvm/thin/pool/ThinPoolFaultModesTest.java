package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.testing.FaultyBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.jlvm.thin.model.ContentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that pass (fail once, fail the Nth flush only, fail a range of I/Os, then go on), on the metadata or the
 * data device, in the middle of a seeded workload that keeps going after them. Whatever happens, a flush either
 * fails or everything it acknowledged survives a power cut and reopen; the image passes the real thin_check.
 */
class ThinPoolFaultModesTest {
    static final int SECTORS = 16;
    static final int B = SECTORS * 512;
    static final long VOLUME_BLOCKS = 24;
    static final int OPS = 60;
    static final ThinPoolConfig CFG = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO)
            .withMetadataCacheBytes(1 << 20).withDiscardMode(DiscardMode.PASSDOWN);

    @TempDir
    Path tmp;

    enum Fault { ONCE, NTH_FLUSH, RANGE }

    /** The model's current state becomes what the volumes hold now; false when they cannot be read. */
    private static boolean resync(ThinPool pool, ContentModel model, Workload w) {
        try {
            if (!pool.devices().equals(model.devices())) {
                return false;
            }
            for (long dev : model.devices()) {
                ThinVolume v = w.volume(dev);
                for (long vb = 0; vb < VOLUME_BLOCKS; vb++) {
                    byte[] got = v.read(vb * B, B);
                    byte[] want = model.read(dev, vb * B, B);
                    if (!java.util.Arrays.equals(got, want)) {
                        model.write(dev, vb * B, got);
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void transientFaultsNeverLoseWhatAFlushAcknowledged() throws Exception {
        long base = Long.getLong("seed", new Random().nextLong());
        System.out.println("ThinPoolFaultModesTest seed " + base);
        List<String> problems = new ArrayList<>();
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        int runs = 0;
        for (int s = 0; s < 12; s++) {
            for (Fault f : Fault.values()) {
                for (boolean onMeta : new boolean[] {true, false}) {
                    runs++;
                    long seed = base + s;
                    Random pick = new Random(seed * 7 + f.ordinal() * 2 + (onMeta ? 1 : 0));
                    MemoryBlockDevice metaMem = new MemoryBlockDevice(2L << 20);
                    MemoryBlockDevice dataMem = new MemoryBlockDevice(160L * B);
                    AtomicLong clock = new AtomicLong();
                    FaultyBlockDevice meta = new FaultyBlockDevice(metaMem, clock);
                    FaultyBlockDevice data = new FaultyBlockDevice(dataMem, clock);
                    ContentModel model = new ContentModel(B);
                    ThinPool pool = ThinPool.format(meta, data, SECTORS, CFG);
                    pool.createThin(0);
                    model.create(0);
                    model.flush();
                    Workload w = new Workload(pool, model, new Random(seed), VOLUME_BLOCKS, dataMem);
                    FaultyBlockDevice target = onMeta ? meta : data;
                    int at = 1 + pick.nextInt(onMeta ? 120 : 200);
                    switch (f) {
                        case ONCE -> target.failOnceAfter(at);
                        case NTH_FLUSH -> target.failFlushAfter(1 + pick.nextInt(onMeta ? 12 : 6));
                        case RANGE -> target.failRange(at, 1 + pick.nextInt(20));
                    }
                    int errors = 0;
                    for (int i = 0; i < OPS; i++) {
                        try {
                            w.keepSpace(8);
                            w.step();
                        } catch (IOException e) {
                            errors++;
                            // A failed write leaves its range holding old or new data: take what the device has.
                            // (Not after a failed flush: what it lost must show up at the end.)
                            boolean dataOp = List.of("provision", "overwrite/cow", "discard", "writeZeroes")
                                    .contains(w.current);
                            if (dataOp && !resync(pool, model, w)) {
                                break;
                            }
                            w.trace.append("  !! ").append(e.getMessage()).append(" mode ").append(pool.mode()).append("\n");
                        }
                    }
                    String where = "seed " + seed + " " + f + " on " + (onMeta ? "metadata" : "data") + " at " + at;
                    outcomes.merge(f + (errors > 0 ? " errors" : " no-error") + " " + pool.mode(), 1, Integer::sum);
                    if (Boolean.getBoolean("trace")) {
                        w.trace.append("-- pool ").append(pool.mode()).append(" errors ").append(errors).append('\n');
                    }
                    String trace = w.trace.toString();
                    pool.closeAbruptly();
                    meta.crash();
                    data.crash();
                    model.rollback();
                    pool = ThinPool.open(meta, data, SECTORS, CFG);
                    boolean needsCheck = pool.status().needsCheck();
                    w = new Workload(pool, model, new Random(seed), VOLUME_BLOCKS, dataMem);
                    for (String p : w.verify(false)) {
                        problems.add(where + ": " + p);
                        if (Boolean.getBoolean("trace")) {
                            System.out.println(where + ": " + p + "\n" + trace);
                        }
                    }
                    pool.close();
                    if (ThinCheck.installed() && runs % 8 == (needsCheck ? 0 : 4)) {
                        ThinCheck.Result r = ThinCheck.run(metaMem, tmp);
                        if (r.exitCode() != 0) {
                            problems.add(where + ": thin_check exit " + r.exitCode() + ": " + r.output());
                        }
                    }
                }
            }
        }
        System.out.println("ThinPoolFaultModesTest: " + runs + " runs: " + outcomes);
        assertTrue(problems.isEmpty(), problems.size() + " problems, first: "
                + problems.subList(0, Math.min(8, problems.size())));
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.contains("errors")), "faults were hit: " + outcomes);
        assertEquals(72, runs);
    }
}
