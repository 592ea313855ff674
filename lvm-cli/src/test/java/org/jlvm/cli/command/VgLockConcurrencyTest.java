package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two or more jlvm processes changing one VG at once (the VG lock is a file lock, so they are real processes
 * here): while one holds the lock (a prompt of lvremove), another waits at most {@code JLVM_LOCK_WAIT_MS} and fails
 * with lvm's message, leaving the VG as it was; a process killed while it holds the lock releases it and the
 * waiting one goes on; four processes creating thin LVs in one pool at once all succeed, one after the other, and
 * the VG passes the on-disk checks, the real lvm2 and the real thin_check.
 */
class VgLockConcurrencyTest {
    @TempDir
    Path tmp;

    /** A jlvm process (the test's classpath, {@code org.jlvm.cli.Main}) with its output collected. */
    private static final class Jlvm {
        final Process process;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final List<Thread> readers = new ArrayList<>();

        Jlvm(Path home, Map<String, String> env, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.jlvm.cli.Main"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("JLVM_HOME", home.toString());
            pb.environment().putAll(env);
            process = pb.start();
            readers.add(pump(process.getInputStream(), out));
            readers.add(pump(process.getErrorStream(), err));
        }

        private static Thread pump(InputStream in, ByteArrayOutputStream to) {
            Thread t = new Thread(() -> {
                byte[] b = new byte[4096];
                try {
                    for (int n; (n = in.read(b)) > 0; ) {
                        synchronized (to) {
                            to.write(b, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits until stderr contains {@code text} (at most 60 s). */
        void awaitErr(String text) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!err().contains(text)) {
                assertTrue(process.isAlive() && System.nanoTime() < end, "no '" + text + "' from jlvm: " + err());
                Thread.sleep(20);
            }
        }

        int waitFor() throws InterruptedException {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "jlvm did not finish: " + err());
            for (Thread t : readers) {
                t.join(5000);
            }
            return process.exitValue();
        }

        @Override
        public String toString() {
            return "stdout:\n" + out.toString(StandardCharsets.UTF_8) + "stderr:\n" + err();
        }
    }

    @Test
    void theSecondCommandWaitsThenFailsAndTheVgStaysWhole() throws Exception {
        Path home = tmp.resolve("home");
        JlvmRunner j = new JlvmRunner(home);
        Path pv = tmp.resolve("pv0.img");
        j.ok("pvcreate", "--size", "256m", pv.toString());
        j.ok("vgcreate", "vg0", pv.toString());
        j.ok("lvcreate", "--type", "thin-pool", "-L", "64m", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "32m", "-T", "vg0/pool0", "-n", "thin1");
        long seqno = VgOnDiskCheck.check(List.of(pv), "vg0").seqno();
        String prompt = "Removing pool vg0/pool0 will remove 1 dependent volume(s). Proceed? [y/n]: ";

        // A holds the lock while it asks; B gives up after its wait with lvm's message.
        Jlvm a = new Jlvm(home, Map.of(), "lvremove", "vg0/pool0");
        a.awaitErr(prompt);
        long t0 = System.nanoTime();
        Jlvm b = new Jlvm(home, Map.of("JLVM_LOCK_WAIT_MS", "1500"), "lvcreate", "-L", "4m", "-n", "lin", "vg0");
        assertEquals(5, b.waitFor(), b.toString());
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // as lvm2 prints it (testdata/lvm-captures/05-vg-lock-busy.txt), with jlvm's lock file
        assertEquals("  " + new LvmHome(home).lockDir().resolve("V_vg0")
                + ": flock failed: Resource temporarily unavailable\n  Can't get lock for vg0.\n"
                + "  Cannot process volume group vg0\n", b.err(), b.toString());
        assertTrue(waitedMs >= 1500, "B gave up after " + waitedMs + " ms");
        a.process.getOutputStream().write("n\n".getBytes(StandardCharsets.UTF_8));
        a.process.getOutputStream().close();
        assertEquals(5, a.waitFor(), a.toString());
        assertTrue(a.err().contains("Logical volume vg0/pool0 not removed."), a.toString());
        assertEquals(seqno, VgOnDiskCheck.check(List.of(pv), "vg0").seqno(), "nothing changed the VG");

        // A process killed while it holds the lock releases it: the waiting command goes on.
        Jlvm holder = new Jlvm(home, Map.of(), "lvremove", "vg0/pool0");
        holder.awaitErr(prompt);
        Jlvm waiter = new Jlvm(home, Map.of(), "lvcreate", "-L", "4m", "-n", "lin", "vg0");
        Thread.sleep(2500);     // time to start and reach the lock
        assertTrue(waiter.process.isAlive(), "lvcreate did not wait for the lock: " + waiter);
        holder.process.destroyForcibly();
        holder.waitFor();
        assertEquals(0, waiter.waitFor(), waiter.toString());
        assertEquals(seqno + 1, VgOnDiskCheck.check(List.of(pv), "vg0").seqno());

        // Four at once: each waits for the others, all succeed.
        List<Jlvm> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(new Jlvm(home, Map.of(), "lvcreate", "-V", "8m", "-T", "vg0/pool0", "-n", "t" + i));
        }
        for (Jlvm p : all) {
            assertEquals(0, p.waitFor(), p.toString());
        }
        assertEquals(List.of("lin", "pool0", "t0", "t1", "t2", "t3", "thin1"),
                j.ok("lvs", "-o", "lv_name", "--noheadings").rows());
        VgOnDiskCheck.check(List.of(pv), "vg0");
        RealLvmOracle oracle = new RealLvmOracle(j, List.of(pv), tmp);
        List<String> ours = oracle.assertLvm2Agrees("vg0", "after the concurrent commands: ");
        oracle.assertThinCheckAccepts(ours, 4L << 20, 1L << 20, "after the concurrent commands: ");
    }
}
