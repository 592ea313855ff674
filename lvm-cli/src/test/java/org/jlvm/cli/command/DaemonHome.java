package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.JlvmRunner;

/**
 * A JLVM_HOME with a VG {@code vg0} on one 1 GiB PV file, a thin pool {@code pool0} and a 1 GiB thin LV
 * {@code thin1}, for tests of activation and the daemon (which runs as its own process, started by the first
 * activation). Closing kills a daemon the test left running.
 */
final class DaemonHome implements AutoCloseable {
    final Path dir;
    final Path pv;
    final JlvmRunner j;

    private DaemonHome(Path dir) {
        this(dir, dir.resolve("pv0.img"));
    }

    private DaemonHome(Path dir, Path pv) {
        this.dir = dir;
        this.pv = pv;
        this.j = new JlvmRunner(dir.resolve("home"));
    }

    /** A second home whose devices file lists {@code pv} (another home's PV, with its VG). */
    static DaemonHome adopt(Path dir, Path pv) {
        DaemonHome h = new DaemonHome(dir, pv);
        h.j.ok("lvmdevices", "--adddev", pv.toString());
        return h;
    }

    static DaemonHome thinVg(Path dir, String poolSize) {
        DaemonHome h = new DaemonHome(dir);
        h.j.ok("pvcreate", "--size", "1g", h.pv.toString());
        h.j.ok("vgcreate", "vg0", h.pv.toString());
        h.j.ok("lvcreate", "--type", "thin-pool", "-L", poolSize, "-n", "pool0", "vg0");
        h.j.ok("lvcreate", "-V", "1g", "-T", "vg0/pool0", "-n", "thin1");
        return h;
    }

    Path run() {
        return j.home().resolve("run");
    }

    /** The LV's {@code nbd_uri} as lvs prints it. */
    String uri(String lv) {
        List<String> rows = j.ok("lvs", "--noheadings", "-o", "nbd_uri", "vg0/" + lv).rows();
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    /** lv_attr of {@code lv}. */
    String attr(String lv) {
        return j.ok("lvs", "-a", "--noheadings", "-o", "lv_attr", "vg0/" + lv).rows().get(0);
    }

    /** The daemon process, when one runs. */
    Optional<ProcessHandle> daemon() {
        try {
            long pid = Long.parseLong(Files.readString(run().resolve("jlvmd.pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    ProcessHandle requireDaemon() {
        return daemon().orElseThrow(() -> new AssertionError("no jlvm daemon runs for " + j.home()));
    }

    /** Waits (bounded) until no daemon runs. */
    void awaitNoDaemon() throws InterruptedException {
        Optional<ProcessHandle> d = daemon();
        if (d.isPresent()) {
            awaitExit(d.get());
        }
    }

    /** Waits (bounded) until the daemon process has exited. */
    static void awaitExit(ProcessHandle p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (p.isAlive()) {
            if (System.currentTimeMillis() > deadline) {
                fail("the jlvm daemon (pid " + p.pid() + ") did not exit");
            }
            Thread.sleep(20);
        }
    }

    /** The bytes of {@code [pool0_tmeta]} cut out of the PV file (extents from lvs -o seg_pe_ranges). */
    Path tmetaImage() throws IOException {
        String row = j.ok("lvs", "-a", "--noheadings", "--separator", ":", "-o", "lv_name,seg_pe_ranges",
                "vg0/pool0_tmeta").rows().get(0);
        String range = row.substring(row.lastIndexOf(':') + 1);
        long first = Long.parseLong(range.substring(0, range.indexOf('-')));
        long last = Long.parseLong(range.substring(range.indexOf('-') + 1));
        Path cut = dir.resolve("tmeta.bin");
        long extent = 4L << 20;
        try (RandomAccessFile in = new RandomAccessFile(pv.toFile(), "r");
                RandomAccessFile out = new RandomAccessFile(cut.toFile(), "rw")) {
            out.setLength(0);
            byte[] buf = new byte[(int) extent];
            for (long pe = first; pe <= last; pe++) {
                in.seek((1L << 20) + pe * extent);
                in.readFully(buf);
                out.write(buf);
            }
        }
        return cut;
    }

    @Override
    public void close() throws InterruptedException {
        Optional<ProcessHandle> d = daemon();
        if (d.isPresent()) {
            d.get().destroyForcibly();
            awaitExit(d.get());
        }
    }
}
