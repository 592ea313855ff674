package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.pool.testing.RealThinTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon stopped in the middle of a real client's writes. qemu-io writes 64 KiB runs into fresh blocks of a thin
 * LV (each a new allocation), flushing after every 8, each flush followed by a marker read so its completion shows in
 * qemu-io's (line-buffered) output. SIGKILL: every write acknowledged before the last completed flush reads back
 * intact after a restart, and the real thin_check (0.9.0 and 1.1.0) accepts the pool metadata as the kill left it.
 * SIGTERM: the daemon drains, commits and exits cleanly, so every acknowledged write is there.
 */
class DaemonCrashTest {
    private static final int WRITES = 2400;
    private static final int RUN = 64 << 10;
    private static final int PER_FLUSH = 8;
    private static final long MARKERS = 900L << 20;
    private static final Pattern WROTE = Pattern.compile("(?m)^wrote 65536/65536 bytes at offset (\\d+)$");
    private static final Pattern MARKER = Pattern.compile("(?m)^read 512/512 bytes at offset (\\d+)$");

    @TempDir
    Path tmp;

    @Test
    void sigkillLosesNothingAcknowledgedBeforeTheLastFlush() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "400m")) {
            Written w = writeAndStop(h, true);
            System.out.println("DaemonCrashTest SIGKILL after " + w.flushes + " flushes, " + w.acknowledged.size()
                    + " writes acknowledged");
            assertTrue(w.flushes >= 10, "the kill came after 10 flushes: " + w.flushes);
            JlvmRunner.Result lvs = h.j.ok("lvs", "vg0/thin1");
            assertTrue(lvs.err().contains("The jlvm daemon stopped without deactivating"), lvs.err());
            RealThinTools.Run check = RealThinTools.checkAll(h.tmetaImage());
            assertEquals(0, check.rc(), check.stdout());
            verify(h, w.acknowledged.subList(0, w.flushes * PER_FLUSH));
        }
    }

    @Test
    void sigtermDrainsCommitsAndExitsCleanly() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "400m")) {
            Written w = writeAndStop(h, false);
            System.out.println("DaemonCrashTest SIGTERM after " + w.flushes + " flushes, " + w.acknowledged.size()
                    + " writes acknowledged");
            String log = Files.readString(h.run().resolve("jlvmd.log"));
            assertTrue(log.contains("stopping: draining NBD requests, committing pools") && log.endsWith("stopped\n"),
                    log);
            assertTrue(!Files.exists(h.run().resolve("jlvmd.sock")) && !Files.exists(h.run().resolve("nbd.sock")));
            RealThinTools.Run check = RealThinTools.checkAll(h.tmetaImage());
            assertEquals(0, check.rc(), check.stdout());
            assertEquals("", h.j.ok("lvs").err(), "a clean stop is not reported as a death");
            verify(h, w.acknowledged); // drained and committed: every acknowledged write, flushed or not
        }
    }

    /** What qemu-io reported before the daemon stopped. */
    private record Written(List<Integer> acknowledged, int flushes) {
    }

    private Written writeAndStop(DaemonHome h, boolean kill) throws Exception {
        h.j.ok("lvchange", "-ay", "vg0/thin1");
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", "qemu-io", "-f", "raw"));
        for (int i = 0; i < WRITES; i++) {
            cmd.add("-c");
            cmd.add("write -P " + pattern(i) + " " + (long) i * RUN + " 64k");
            if (i % PER_FLUSH == PER_FLUSH - 1) {
                cmd.add("-c");
                cmd.add("flush");
                cmd.add("-c");
                cmd.add("read " + (MARKERS + (long) (i / PER_FLUSH) * 512) + " 512");
            }
        }
        cmd.add(h.uri("thin1"));
        NbdClients.require("qemu-io", "qemu-utils");
        NbdClients.require("stdbuf", "coreutils");
        Path out = tmp.resolve("qemu-io.out");
        ProcessHandle daemon = h.requireDaemon();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (count(MARKER, Files.readString(out)) < 12 && p.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "qemu-io finished before the daemon was stopped:\n" + tail(out));
        if (kill) {
            daemon.destroyForcibly();
        } else {
            daemon.destroy();
        }
        DaemonHome.awaitExit(daemon);
        p.waitFor();
        String text = Files.readString(out);
        List<Integer> acked = new ArrayList<>();
        Matcher m = WROTE.matcher(text);
        while (m.find()) {
            acked.add((int) (Long.parseLong(m.group(1)) / RUN));
        }
        for (int i = 0; i < acked.size(); i++) {
            assertEquals(i, acked.get(i), "qemu-io runs its commands in order");
        }
        int flushes = count(MARKER, text);
        assertTrue(acked.size() >= flushes * PER_FLUSH, text);
        return new Written(acked, flushes);
    }

    /** Reactivates (a new daemon) and checks each listed write's bytes with qemu-io's pattern reads. */
    private void verify(DaemonHome h, List<Integer> writes) throws Exception {
        h.j.ok("lvchange", "-ay", "vg0/thin1");
        Path back = tmp.resolve("back.raw");
        NbdClients.ok(tmp, 120, "nbdcopy", h.uri("thin1"), back.toString());
        try (RandomAccessFile f = new RandomAccessFile(back.toFile(), "r")) {
            byte[] buf = new byte[RUN];
            for (int i : writes) {
                f.seek((long) i * RUN);
                f.readFully(buf);
                for (byte b : buf) {
                    if (b != (byte) pattern(i)) {
                        throw new AssertionError("write " + i + " (offset " + (long) i * RUN + ") is lost: read "
                                + b + ", wrote " + pattern(i));
                    }
                }
            }
        }
        h.j.ok("vgchange", "-an", "vg0");
    }

    private static int pattern(int i) {
        return i % 251 + 1;
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String tail(Path out) throws IOException {
        String t = Files.readString(out);
        return t.length() > 2000 ? t.substring(t.length() - 2000) : t;
    }
}
