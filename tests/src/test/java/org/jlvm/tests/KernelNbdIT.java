package org.jlvm.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jlvm.pool.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kernel as oracle of the NBD path, in one boot of scripts/kernel-vm/run.sh (Debian's kernel with
 * dm-thin and nbd, the host's lvm2, thin_check and nbd-client in qemu).
 * <p>(1) jlvm's daemon serves an active thin LV over NBD; a real client (qemu-io) writes seeded random data at
 * scattered offsets, flushes, writes zeroes (with and without unmap) and trims; a snapshot is taken while the LV is
 * active (lvcreate -s goes to the daemon), then the origin is written again; vgchange -an makes the daemon commit.
 * In the VM the kernel's lvm2 activates the VG (thin_check runs) and dm-thin reads the origin, the snapshot and an
 * untouched thin LV byte for byte as the model says (zeros where trimmed or never written).
 * <p>(2) The kernel then writes seeded data into the thin LVs; back on the host jlvm activates them and nbdcopy
 * reads every LV back over NBD: byte for byte what the kernel wrote, the snapshot untouched.
 * <p>(3) The kernel's own NBD client: while a second jlvm home serves a thin LV over TCP, the VM's nbd-client
 * connects to it through qemu's user network (the host's loopback is 10.0.2.2), the kernel reads what qemu-io
 * wrote and writes data that nbdcopy then reads back on the host.
 */
class KernelNbdIT {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    private Random rnd;
    private int files;

    @Test
    void kernelReadsWhatJlvmAcknowledgedOverNbdAndJlvmServesWhatTheKernelWrote() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/sbin/nbd-client")),
                "the kernel's NBD client needs nbd-client (scripts/test-packages.txt; run scripts/test-deps.sh)");
        long seed = new Random().nextLong();
        System.out.println("KernelNbdIT seed=" + seed);
        rnd = new Random(seed);
        Path home = tmp.resolve("home");
        JlvmVolumes jlvm = new JlvmVolumes(home);
        Path n0 = thinVg(jlvm, "vgn", "128m", "64m", "32m");
        jlvm.ok("lvcreate", "-V", "16m", "-T", "vgn/pool0", "-n", "thin2");

        // (1) qemu-io writes into thin1 over NBD; a snapshot while active; more writes, a trim.
        jlvm.ok("lvchange", "-ay", "vgn/thin1");
        String thin1Uri = uri(jlvm, "vgn/thin1");
        assertTrue(thin1Uri.startsWith("nbd+unix:///vgn/thin1?socket="), thin1Uri);
        byte[] thin1 = new byte[32 * MIB];
        List<String> ops = new ArrayList<>();
        ops.addAll(write(thin1, 0, 2 * MIB));
        ops.addAll(write(thin1, 5 * MIB + 4096, 40960));
        ops.addAll(write(thin1, 20 * MIB + 512, 12800));              // sector-aligned, inside blocks
        ops.add("flush");
        ops.addAll(zero(thin1, MIB + 4096, 8192, false));             // WRITE_ZEROES inside written data
        ops.add("flush");
        qemuIo(thin1Uri, ops);
        jlvm.ok("lvcreate", "-s", "vgn/thin1", "-n", "snap1");
        byte[] snap1 = thin1.clone();
        ops.clear();
        ops.addAll(write(thin1, 65536 + 4096, 8192));                 // breaks sharing with snap1
        ops.addAll(trim(thin1, MIB, MIB));                            // TRIM of whole blocks shared with snap1
        ops.addAll(zero(thin1, 5 * MIB, 65536, true));                // WRITE_ZEROES, unmapping allowed
        ops.addAll(write(thin1, 28 * MIB, MIB));
        ops.add("flush");
        qemuIo(thin1Uri, ops);
        assertArrayEquals(thin1, nbdRead(thin1Uri, thin1.length), "jlvm serves what it acknowledged");
        jlvm.ok("vgchange", "-an", "vgn");
        awaitNoDaemon(home);
        byte[] thin2 = new byte[16 * MIB];

        // (3) a second home serves vgt/thin1 over TCP for the VM's nbd-client, kept active during the boot.
        Path tcpHome = tmp.resolve("tcp");
        JlvmVolumes tcp = new JlvmVolumes(tcpHome);
        thinVg(tcp, "vgt", "64m", "32m", "16m");
        Files.writeString(tcpHome.resolve("jlvmd.conf"), "nbd_tcp_port = 0\nnbd_tcp_bind = 127.0.0.1\n");
        byte[] vgtThin1 = new byte[16 * MIB];
        try {
            tcp.ok("lvchange", "-ay", "vgt/thin1");
            String tcpUri = uri(tcp, "vgt/thin1");
            Matcher port = Pattern.compile("nbd://127\\.0\\.0\\.1:(\\d+)/vgt/thin1").matcher(tcpUri);
            assertTrue(port.matches(), tcpUri);
            ops.clear();
            ops.addAll(write(vgtThin1, 0, MIB));
            ops.addAll(write(vgtThin1, 9 * MIB + 4096, 65536));
            ops.add("flush");
            qemuIo(tcpUri, ops);
            byte[] vgtBefore = vgtThin1.clone();

            // The boot: (1) the kernel reads, (2) the kernel writes, (3) the kernel's NBD client.
            List<String> script = new ArrayList<>(List.of(
                    "set -eo pipefail; export LC_ALL=C; : >/tmp/err",
                    "trap 'echo \"failed at line $LINENO\"; cat /tmp/err; dmesg | tail -n 20' ERR",
                    "vgchange -ay vgn >/dev/null 2>>/tmp/err; lvchange -ay -K vgn/snap1 2>>/tmp/err",
                    sha("thin1", "/dev/vgn/thin1"), sha("snap1", "/dev/vgn/snap1"), sha("thin2", "/dev/vgn/thin2")));
            byte[] thin1Before = thin1.clone();
            byte[] thin2Before = thin2.clone();
            script.add(vmWrite(thin2, "/dev/vgn/thin2", 0, 3 * 65536));
            script.add(vmWrite(thin2, "/dev/vgn/thin2", 7 * MIB + 8192, 20480));
            script.add(vmWrite(thin1, "/dev/vgn/thin1", 30 * MIB, 65536));     // unmapped in the origin
            script.add(vmWrite(thin1, "/dev/vgn/thin1", 4096, 4096));          // shared with snap1 until now
            script.addAll(List.of(
                    "vgchange -an vgn >/dev/null 2>>/tmp/err",
                    "sed 's/^/ERR /' /tmp/err",
                    "nbd-client 10.0.2.2 " + port.group(1) + " /dev/nbd0 -N vgt/thin1 -b 4096 >/tmp/nbd 2>&1"
                            + " || { cat /tmp/nbd; false; }",
                    sha("nbd0", "/dev/nbd0")));
            script.add(vmWrite(vgtThin1, "/dev/nbd0", 12 * MIB, 3 * 65536));
            script.add(vmWrite(vgtThin1, "/dev/nbd0", 8192, 4096));
            script.addAll(List.of("nbd-client -d /dev/nbd0 >/dev/null", "echo done", ""));
            String out = boot(String.join("\n", script), n0);
            String ctx = "seed " + seed + "\n" + out;
            assertTrue(out.contains("\ndone\n"), ctx);
            assertEquals(List.of(), lines(out, "ERR "), "the kernel's lvm2 activates the VG cleanly\n" + ctx);
            assertSha(out, "thin1", thin1Before, ctx);
            assertSha(out, "snap1", snap1, ctx);
            assertSha(out, "thin2", thin2Before, ctx);
            assertSha(out, "nbd0", vgtBefore, ctx);

            // (3) what the kernel wrote through /dev/nbd0, read back over NBD on the host.
            assertArrayEquals(vgtThin1, nbdRead(tcpUri, vgtThin1.length), "jlvm serves what the kernel's nbd wrote");
            tcp.ok("vgchange", "-an", "vgt");
            awaitNoDaemon(tcpHome);
        } finally {
            killDaemon(tcpHome);
        }

        // (2) what dm-thin wrote, served by jlvm over NBD.
        jlvm.ok("vgchange", "-ay", "vgn");
        jlvm.ok("lvchange", "-ay", "-K", "vgn/snap1");
        try {
            assertArrayEquals(thin1, nbdRead(uri(jlvm, "vgn/thin1"), thin1.length), "thin1 as the kernel left it");
            assertArrayEquals(thin2, nbdRead(uri(jlvm, "vgn/thin2"), thin2.length), "thin2 as the kernel wrote it");
            assertArrayEquals(snap1, nbdRead(uri(jlvm, "vgn/snap1"), snap1.length), "snap1 untouched");
            jlvm.ok("vgchange", "-an", "vgn");
            awaitNoDaemon(home);
        } finally {
            killDaemon(home);
        }
    }

    // ------------------------------------------------------------------ the model and the clients

    /** Random bytes into {@code model} at {@code offset}, in a file; the qemu-io command that writes them. */
    private List<String> write(byte[] model, int offset, int length) throws IOException {
        Path f = pattern(model, offset, length);
        return List.of("write -q -s " + f + " " + offset + " " + length);
    }

    private List<String> zero(byte[] model, int offset, int length, boolean unmap) {
        Arrays.fill(model, offset, offset + length, (byte) 0);
        return List.of("write -q -z" + (unmap ? "u " : " ") + offset + " " + length);
    }

    /** A TRIM of whole pool blocks (1 MiB-aligned): they read as zeros afterwards. */
    private List<String> trim(byte[] model, int offset, int length) {
        Arrays.fill(model, offset, offset + length, (byte) 0);
        return List.of("discard -q " + offset + " " + length);
    }

    /** Random bytes into {@code model} and a file the VM writes at {@code offset} of {@code dev}. */
    private String vmWrite(byte[] model, String dev, int offset, int length) throws IOException {
        Path f = pattern(model, offset, length);
        return "dd if=/files/" + f.getFileName() + " of=" + dev + " bs=4096 seek=" + (offset / 4096)
                + " oflag=direct conv=fsync,notrunc status=none";
    }

    private Path pattern(byte[] model, int offset, int length) throws IOException {
        byte[] b = new byte[length];
        rnd.nextBytes(b);
        System.arraycopy(b, 0, model, offset, length);
        Path f = tmp.resolve("files").resolve("p" + files++);
        Files.createDirectories(f.getParent());
        Files.write(f, b);
        return f;
    }

    private static void qemuIo(String uri, List<String> ops) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("qemu-io", "-f", "raw"));
        for (String op : ops) {
            cmd.addAll(List.of("-c", op));
        }
        cmd.add(uri);
        RealTools.Run r = RealTools.run(cmd.toArray(String[]::new));
        String all = r.stdout() + r.stderr();
        assertEquals(0, r.rc(), "qemu-io " + ops + ": " + all);
        assertFalse(all.contains("failed"), "qemu-io " + ops + ": " + all);
    }

    /** Every byte of the export, read by nbdcopy into a file. */
    private byte[] nbdRead(String uri, int size) throws Exception {
        Path f = tmp.resolve("read" + files++);
        RealTools.Run r = RealTools.run("nbdcopy", uri, f.toString());
        assertEquals(0, r.rc(), "nbdcopy " + uri + ": " + r.stderr());
        byte[] b = Files.readAllBytes(f);
        assertEquals(size, b.length, "the size nbdcopy read from " + uri);
        return b;
    }

    private static String uri(JlvmVolumes j, String lv) throws Exception {
        return j.ok("lvs", "--noheadings", "-o", "nbd_uri", lv).stdout().trim();
    }

    // ------------------------------------------------------------------ the daemon and the VM

    /** A VG {@code vg} on a new PV file, with the thin pool {@code pool0} and the thin LV {@code thin1}. */
    private Path thinVg(JlvmVolumes j, String vg, String pvSize, String poolSize, String thinSize) throws Exception {
        Path pv = tmp.resolve(vg + ".img");
        j.ok("pvcreate", "--size", pvSize, pv.toString());
        j.ok("vgcreate", vg, pv.toString());
        j.ok("lvcreate", "--type", "thin-pool", "-L", poolSize, "-n", "pool0", vg);
        j.ok("lvcreate", "-V", thinSize, "-T", vg + "/pool0", "-n", "thin1");
        return pv;
    }

    private static void awaitNoDaemon(Path home) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (daemon(home).isPresent()) {
            assertTrue(System.currentTimeMillis() < deadline, "the jlvm daemon of " + home + " did not exit");
            Thread.sleep(20);
        }
    }

    private static void killDaemon(Path home) {
        daemon(home).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static java.util.Optional<ProcessHandle> daemon(Path home) {
        try {
            long pid = Long.parseLong(Files.readString(home.resolve("run/jlvmd.pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String sha(String name, String dev) {
        return "echo \"SHA " + name + " $(sha256sum <" + dev + " | cut -d' ' -f1)\"";
    }

    private static void assertSha(String out, String name, byte[] expected, String ctx) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
        assertTrue(out.contains("SHA " + name + " " + sha + "\n"), "the kernel reads " + name + " as written\n" + ctx);
    }

    private static List<String> lines(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }

    private String boot(String script, Path rwDisk) throws Exception {
        Path s = tmp.resolve("vm.sh");
        Files.writeString(s, script);
        List<String> cmd = new ArrayList<>(List.of("bash",
                TestData.repositoryRoot().resolve("scripts/kernel-vm/run.sh").toString(), "--net",
                "--rw-disk", rwDisk.toString()));
        try (var ps = Files.list(tmp.resolve("files"))) {
            for (Path f : ps.sorted().toList()) {
                cmd.addAll(List.of("--file", f.toString()));
            }
        }
        cmd.addAll(List.of("--", s.toString()));
        RealTools.Run r = RealTools.run(cmd.toArray(String[]::new));
        assertEquals(0, r.rc(), "the kernel VM run failed:\n" + r.stdout() + r.stderr());
        return r.stdout();
    }
}
