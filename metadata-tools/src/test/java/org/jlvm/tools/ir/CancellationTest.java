package org.jlvm.tools.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.tools.check.CheckOptions;
import org.jlvm.tools.check.CheckReport;
import org.jlvm.tools.check.Checker;
import org.jlvm.tools.dump.DumpOptions;
import org.jlvm.tools.dump.Dumper;
import org.jlvm.tools.dump.XmlEmitter;
import org.jlvm.tools.generate.PoolGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled thin_check or thin_dump stops at its next cancellation point, throws {@link Cancellation.Cancelled}
 * and leaves none of its threads running; the same runs without a request go to the end. The pool is a
 * generated one (3 origins, 3 snapshots each, 400,000 mappings, seed 7).
 */
class CancellationTest {
    private static final List<String> TOOL_THREADS = List.of("check-mapped-blocks", "check-data-counts",
            "check-data-space-map", "dump-device");
    private static final CheckOptions CHECK = new CheckOptions(false, false, false, false, false, false, null);

    @TempDir
    static Path dir;
    private static Path pool;

    @BeforeAll
    static void generate() throws IOException {
        pool = dir.resolve("pool.bin");
        PoolGenerator.generate(new PoolGenerator.Spec(pool, 64L << 20, 3, 3, 400_000, 128, 20, 7), n -> { });
    }

    /** The tool threads still alive (a thread that was told to stop gets a moment to end, never more). */
    private static List<String> toolThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(TOOL_THREADS::contains).toList();
    }

    /** Dumps every device of {@code f} to {@code e} on {@code threads} workers, under {@code c}. */
    private static void dump(MetadataFile f, Emitter e, int threads, Cancellation c) throws ToolException {
        c.run(() -> {
            Dumper.dump(f, new DumpOptions(null, false, Set.of()), e, threads);
            return null;
        });
    }

    @Test
    void aCheckRunsToTheEndUnlessCancelled() throws ToolException, IOException {
        try (MetadataFile f = MetadataFile.open(pool, false)) {
            AtomicInteger updates = new AtomicInteger();
            CheckReport r = new Cancellation().run(() -> Checker.check(f, CHECK, (d, t) -> updates.incrementAndGet()));
            assertEquals(0, r.exitCode(false), r.err().toString());
            // progress comes every 1024 metadata blocks reached, so the test below requests the stop mid-walk
            assertTrue(updates.get() >= 1, "progress was never reported: too small a pool to cut");
        }
    }

    @Test
    void aCancelledCheckStopsAtTheNextPointAndLeavesNoThreads() throws ToolException, IOException {
        try (MetadataFile f = MetadataFile.open(pool, false)) {
            Cancellation c = new Cancellation();
            AtomicInteger updates = new AtomicInteger();
            assertThrows(Cancellation.Cancelled.class, () -> c.run(() -> Checker.check(f, CHECK, (d, t) -> {
                updates.incrementAndGet();
                c.request(); // Ctrl-C at the first progress report
            })));
            assertEquals(1, updates.get(), "no progress after the request: the walk stopped at its next node");
            assertEquals(List.of(), toolThreads());
        }
    }

    @Test
    void aCancelledParallelDumpStopsAndJoinsItsWorkers() throws ToolException, IOException {
        try (MetadataFile f = MetadataFile.open(pool, false)) {
            Cancellation c = new Cancellation();
            AtomicInteger devices = new AtomicInteger();
            AtomicBoolean workersSeen = new AtomicBoolean();
            Emitter e = new ForwardingEmitter(new XmlEmitter(new StringWriter())) {
                @Override
                public void renderedRuns(CharSequence text, long n) throws ToolException {
                    super.renderedRuns(text, n);
                    workersSeen.set(!toolThreads().isEmpty());
                    devices.incrementAndGet();
                    c.request();
                }
            };
            assertThrows(Cancellation.Cancelled.class, () -> dump(f, e, 2, c));
            assertTrue(workersSeen.get(), "the dump ran on worker threads");
            assertEquals(1, devices.get(), "one device of 12 was dumped");
            assertEquals(List.of(), toolThreads());
        }
    }

    @Test
    void aCancelledSerialDumpStopsWithinALeaf() throws ToolException, IOException {
        try (MetadataFile f = MetadataFile.open(pool, false)) {
            Cancellation c = new Cancellation();
            AtomicLong runsAfter = new AtomicLong(-1);
            Emitter e = new ForwardingEmitter(new XmlEmitter(new StringWriter())) {
                @Override
                public void rangeMapping(long o, long d, long len, long t) throws ToolException {
                    super.rangeMapping(o, d, len, t);
                    runsAfter.incrementAndGet();
                    c.request();
                }
            };
            assertThrows(Cancellation.Cancelled.class, () -> dump(f, e, 0, c));
            // the runs of the leaf being visited are merged and emitted; the walk stops before the next node
            assertTrue(runsAfter.get() < 256, runsAfter + " runs after the request");
        }
    }

    @Test
    void outsideARunNothingIsEverCancelledAndAClosedOneIgnoresRequests() throws Exception {
        Cancellation.current().request();
        Cancellation.current().check(); // the never-requested one
        Cancellation c = new Cancellation();
        AtomicBoolean inherited = new AtomicBoolean();
        c.run(() -> {
            Thread t = new Thread(() -> inherited.set(Cancellation.current() == c));
            t.start();
            t.join();
            assertTrue(Cancellation.shielded(() -> Cancellation.current() != c));
            return null;
        });
        assertTrue(inherited.get(), "a thread started in the run checks the run's cancellation");
        assertFalse(Cancellation.current() == c);
        c.close();
        c.request();
        assertFalse(c.requested());
        c.check();
    }
}
