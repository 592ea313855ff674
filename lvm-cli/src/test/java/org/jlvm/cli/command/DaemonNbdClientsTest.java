package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.pool.testing.RealThinTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does with an active LV, with the real NBD clients and the URI lvs prints: qemu-img puts a disk image
 * into a thin LV, a snapshot taken while it is active (the pool message goes to the daemon) keeps it while the LV
 * is overwritten, nbdinfo/nbdcopy/qemu-img read it back; an LV with a client connected is open (attr {@code o}) and
 * cannot be deactivated or removed; at the end the real thin_check (0.9.0 and 1.1.0) accepts the pool metadata.
 */
class DaemonNbdClientsTest {
    private static final long IMAGE = 48L << 20;

    @TempDir
    Path tmp;

    @Test
    void qemuImgIntoAThinLvAndBackFromASnapshot() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("DaemonNbdClientsTest seed=" + seed);
        Path image = tmp.resolve("disk.raw");
        byte[] data = new byte[(int) IMAGE];
        new Random(seed).nextBytes(data);
        Arrays.fill(data, (int) (8L << 20), (int) (16L << 20), (byte) 0); // a hole in the middle stays unmapped
        try (OutputStream out = Files.newOutputStream(image)) {
            out.write(data);
        }
        try (DaemonHome h = DaemonHome.thinVg(tmp, "400m")) {
            JlvmRunner j = h.j;
            j.ok("lvchange", "-ay", "vg0/thin1");
            String thin = h.uri("thin1");
            NbdClients.ok(tmp, 120, "qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", image.toString(), thin);
            List<String> usage = j.ok("lvs", "--noheadings", "--separator", ":", "-o", "lv_name,data_percent",
                    "vg0").rows();
            assertEquals(List.of("pool0:10.00", "thin1:3.91"), usage, "40 of 48 MiB mapped, live from the daemon");

            j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
            j.ok("lvchange", "-ay", "-K", "vg0/snap1");
            String snap = h.uri("snap1");
            String info = NbdClients.ok(tmp, 30, "nbdinfo", snap).out();
            assertTrue(info.contains("is_read_only: true"), info);
            assertTrue(info.contains("export-size: 1073741824"), info);
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x55 0 1M", "-c", "flush", thin);

            NbdClients.ok(tmp, 120, "qemu-img", "compare", "-f", "raw", "-F", "raw", image.toString(), snap);
            Path back = tmp.resolve("back.raw");
            NbdClients.ok(tmp, 120, "nbdcopy", snap, back.toString());
            byte[] head = new byte[(int) IMAGE];
            try (RandomAccessFile f = new RandomAccessFile(back.toFile(), "r")) {
                f.readFully(head);
            }
            assertArrayEquals(data, head, "the snapshot holds the image as it was");
            String map = NbdClients.ok(tmp, 30, "nbdinfo", "--map", snap).out();
            assertTrue(map.contains("8388608     8388608    3  hole,zero")
                    || map.replaceAll(" +", " ").contains("8388608 8388608 3 hole,zero"), map);
            String now = NbdClients.ok(tmp, 30, "qemu-io", "-r", "-f", "raw", "-c", "read -P 0x55 0 1M", thin).out();
            assertTrue(now.contains("read 1048576/1048576 bytes at offset 0"), now);

            // a client connected: the LV is open, and stays active
            NbdClients.require("qemu-io", "qemu-utils");
            Process held = new ProcessBuilder("qemu-io", "-f", "raw", thin).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("held.out").toFile()).start();
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (!h.attr("thin1").equals("Vwi-aotz--") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals("Vwi-aotz--", h.attr("thin1"));
                JlvmRunner.Result busy = j.run("lvchange", "-an", "vg0/thin1");
                assertEquals(5, busy.rc(), busy.toString());
                assertEquals("  Logical volume vg0/thin1 in use.\n", busy.err());
                JlvmRunner.Result remove = j.run("lvremove", "-y", "vg0/thin1");
                assertEquals(5, remove.rc(), remove.toString());
                assertEquals("  Logical volume vg0/thin1 in use.\n", remove.err());
            } finally {
                held.getOutputStream().close(); // end of input: qemu-io quits
                held.waitFor();
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (!h.attr("thin1").equals("Vwi-a-tz--") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            j.ok("lvchange", "-an", "vg0/thin1");
            j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            RealThinTools.Run check = RealThinTools.checkAll(h.tmetaImage());
            assertEquals(0, check.rc(), check.stdout());
        }
    }

    @Test
    void tcpWhenConfigured() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            Files.writeString(h.j.home().resolve("jlvmd.conf"), "# NBD over TCP too, on any free port\n"
                    + "nbd_tcp_port = 0\nnbd_tcp_bind = 127.0.0.1\n");
            h.j.ok("lvchange", "-ay", "vg0/thin1");
            String uri = h.uri("thin1");
            assertTrue(uri.matches("nbd://127\\.0\\.0\\.1:\\d+/vg0/thin1"), uri);
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x7e 1M 64k", uri);
            String info = NbdClients.ok(tmp, 30, "nbdinfo", uri).out();
            assertTrue(info.contains("export-size: 1073741824"), info);
            String unix = "nbd+unix:///vg0/thin1?socket=" + h.run().resolve("nbd.sock");
            String read = NbdClients.ok(tmp, 30, "qemu-io", "-r", "-f", "raw", "-c", "read -P 0x7e 1M 64k", unix).out();
            assertTrue(read.contains("read 65536/65536 bytes at offset 1048576"), read);
            h.j.ok("vgchange", "-an", "vg0");
            Files.writeString(h.j.home().resolve("jlvmd.conf"), "nbd_tcp_port = many\n");
            JlvmRunner.Result bad = h.j.run("lvchange", "-ay", "vg0/thin1");
            assertEquals(5, bad.rc(), bad.toString());
            assertTrue(bad.err().contains("jlvm daemon did not start") && bad.err().contains("is not a port number"),
                    bad.err());
        }
    }

    @Test
    void tlsWhenConfigured() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            org.jlvm.cli.nbd.TestPki pki = org.jlvm.cli.nbd.TestPki.create(tmp.resolve("pki"));
            Path client = pki.client("backup", true);
            Files.writeString(h.j.home().resolve("jlvmd.conf"), "nbd_tcp_port = 0\nnbd_tls = require\n"
                    + "nbd_tls_cert = " + pki.serverCert() + "\nnbd_tls_key = " + pki.serverKey() + "\n"
                    + "nbd_tls_ca = " + pki.caCert() + "\n");
            h.j.ok("lvchange", "-ay", "vg0/thin1");
            String uri = h.uri("thin1");
            assertTrue(uri.matches("nbds://127\\.0\\.0\\.1:\\d+/vg0/thin1"), uri);
            String tls = uri + "?tls-certificates=" + client;
            String info = NbdClients.ok(tmp, 30, "nbdinfo", tls).out();
            assertTrue(info.contains("export-size: 1073741824"), info);
            NbdClients.Result plain = NbdClients.run(tmp, 30, "nbdinfo", uri.replace("nbds://", "nbd://"));
            assertTrue(plain.code() != 0, "a client without TLS is refused: " + plain.all());
            h.j.ok("vgchange", "-an", "vg0");
            Files.writeString(h.j.home().resolve("jlvmd.conf"), "nbd_tcp_port = 0\nnbd_tls = require\n");
            JlvmRunner.Result bad = h.j.run("lvchange", "-ay", "vg0/thin1");
            assertEquals(5, bad.rc(), bad.toString());
            assertTrue(bad.err().contains("nbd_tls=require needs nbd_tls_cert and nbd_tls_key"), bad.err());
        }
    }
}
