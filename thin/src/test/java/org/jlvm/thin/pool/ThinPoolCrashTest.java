package org.jlvm.thin.pool;

import org.jlvm.thin.model.ContentModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.jlvm.pool.testing.FaultyBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash tests: a seeded workload runs until an injected I/O failure on the metadata or the data device; then
 * power is cut (un-flushed writes dropped), the pool is reopened, and every device must hold its content as
 * of the last completed flush (or a version written since, for blocks written in place before a failed
 * flush); the reopened pool must keep working, and the real thin_check must accept a sample of the images.
 */
class ThinPoolCrashTest {
    static final int SECTORS = 16;
    static final int B = SECTORS * 512;
    static final long VOLUME_BLOCKS = 24;
    static final int OPS = 70;
    static final ThinPoolConfig CFG = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO)
            .withMetadataCacheBytes(1 << 20);

    @TempDir
    Path tmp;

    /** One pool on faulty in-memory devices. */
    static final class Rig {
        final MemoryBlockDevice metaMem = new MemoryBlockDevice(2L << 20);
        final MemoryBlockDevice dataMem = new MemoryBlockDevice(160L * B);
        final FaultyBlockDevice meta = new FaultyBlockDevice(metaMem);
        final FaultyBlockDevice data = new FaultyBlockDevice(dataMem);
        final ContentModel model = new ContentModel(B);
        ThinPool pool;
        Workload work;

        Rig(long seed) throws IOException {
            pool = ThinPool.format(meta, data, SECTORS, CFG);
            pool.createThin(0);
            model.create(0);
            model.flush();
            work = new Workload(pool, model, new Random(seed), VOLUME_BLOCKS, dataMem);
            work.growableMeta = metaMem;
        }

        /** Runs the workload; returns the kind of op that failed, or null. */
        String run() throws IOException {
            for (int i = 0; i < OPS; i++) {
                try {
                    work.keepSpace(8);
                    work.step();
                    if (Boolean.getBoolean("trace")) {
                        work.trace.append("  -> ").append(pool.devices()).append('\n');
                    }
                    if (Boolean.getBoolean("trace") && !pool.devices().equals(model.devices())) {
                        System.out.println("DIVERGED after " + work.current + ": " + pool.devices() + " vs "
                                + model.devices() + " " + pool.status() + "\n" + work.trace);
                    }
                } catch (IOException e) {
                    return work.current;
                }
            }
            return null;
        }

        void crashAndReopen() throws IOException {
            pool.closeAbruptly();
            meta.crash();
            data.crash();
            model.rollback();
            reopen();
        }

        void reopen() throws IOException {
            pool = ThinPool.open(meta, data, SECTORS, CFG);
            Workload old = work;
            work = new Workload(pool, model, work.rnd, VOLUME_BLOCKS, dataMem);
            work.growableMeta = metaMem;
            work.trace.append(old.trace).append("-- crash after commits ").append(old.pool.commitCount()).append('\n');
        }
    }

    @Test
    void everyCrashPointRecoversToTheLastFlush() throws Exception {
        long base = Long.getLong("seed", new Random().nextLong());
        System.out.println("ThinPoolCrashTest seed " + base);
        TreeMap<String, Integer> failedIn = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int runs = 0;
        int checked = 0;
        for (int s = 0; s < 40; s++) {
            long seed = base + s;
            Rig dry = new Rig(seed);
            long metaStart = dry.meta.ioCount();
            long dataStart = dry.data.ioCount();
            assertEquals(null, dry.run(), "dry run without faults");
            long metaIos = dry.meta.ioCount() - metaStart;
            long dataIos = dry.data.ioCount() - dataStart;
            List<String> dryProblems = dry.work.verify(true);
            if (!dryProblems.isEmpty() && Boolean.getBoolean("trace")) {
                System.out.println("DRY " + seed + " " + dryProblems + "\n" + dry.work.trace);
            }
            assertEquals(List.of(), dryProblems, "seed " + seed + " without faults");
            Random pick = new Random(seed * 31);
            for (int p = 0; p < 8; p++) {
                runs++;
                Rig rig = new Rig(seed);
                boolean onMeta = p % 2 == 0;
                long at = 1 + (long) (pick.nextDouble() * (onMeta ? metaIos : dataIos));
                (onMeta ? rig.meta : rig.data).failAfter(at);
                String failed = rig.run();
                failedIn.merge(failed == null ? "none" : failed, 1, Integer::sum);
                String where = "seed " + seed + " " + (onMeta ? "metadata" : "data") + " I/O " + at + " (" + failed
                        + ")";
                try {
                    rig.crashAndReopen();
                } catch (IOException e) {
                    problems.add(where + ": reopen failed: " + e);
                    continue;
                }
                boolean needsCheck = rig.pool.status().needsCheck();
                // A failed data flush aborts and sets needs_check (the metadata device still works); a dead
                // metadata device cannot record it.
                assertFalse(needsCheck && onMeta, where + ": needs_check after a metadata failure");
                for (String pr : rig.work.verify(false)) {
                    problems.add(where + ": " + pr);
                    if (Boolean.getBoolean("trace")) {
                        System.out.println(where + ": " + pr + "\n" + rig.work.trace);
                    }
                }
                if (needsCheck) {
                    assertEquals(PoolMode.READ_ONLY, rig.pool.mode(), where);
                    rig.pool.close();
                    if (ThinCheck.installed()) {
                        ThinCheck.Result r = ThinCheck.run(rig.metaMem, tmp);
                        assertEquals(0, r.exitCode(), where + ": " + r.output());
                    }
                    NeedsCheck.clear(rig.meta);
                    rig.reopen();
                }
                // The recovered pool keeps working and its flushes are exact.
                for (int i = 0; i < 10; i++) {
                    rig.work.keepSpace(8);
                    rig.work.step();
                }
                rig.pool.commit();
                rig.model.flush();
                for (String pr : rig.work.verify(true)) {
                    problems.add(where + " after recovery: " + pr);
                }
                rig.pool.close();
                if (ThinCheck.installed() && runs % 10 == 0) {
                    ThinCheck.Result r = ThinCheck.run(rig.metaMem, tmp);
                    checked++;
                    if (r.exitCode() != 0) {
                        problems.add(where + ": thin_check exit " + r.exitCode() + ": " + r.output());
                    }
                }
            }
        }
        System.out.println("ThinPoolCrashTest: " + runs + " crash points, failed in " + failedIn + ", thin_check on "
                + checked);
        assertTrue(problems.isEmpty(), problems.size() + " problems, first: " + problems.subList(0,
                Math.min(10, problems.size())));
        for (String kind : Set.of("provision", "overwrite/cow", "discard", "snapshot", "delete", "flush", "resize",
                "resizeMetadata", "create")) {
            assertTrue(failedIn.containsKey(kind), "no crash point fell into " + kind + ": " + failedIn);
        }
    }
}
