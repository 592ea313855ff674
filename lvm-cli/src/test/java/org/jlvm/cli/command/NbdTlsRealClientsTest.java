package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jlvm.cli.nbd.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The NBD server's TLS ({@code nbd_serve --tls...}) against real clients: libnbd's nbdinfo and nbdcopy with
 * {@code nbds://} URIs and {@code tls-certificates=DIR}, qemu-img with {@code tls-creds-x509}. Certificates are made
 * with openssl at test time ({@link TestPki}). Exports: a 16 MiB file {@code vg/lv} and a 64 MiB thin volume
 * {@code pool/thin}.
 */
class NbdTlsRealClientsTest {
    static final long FILE_SIZE = 16L << 20;
    static final long THIN_SIZE = 64L << 20;
    private static final Pattern TCP = Pattern.compile("listening on tcp:/?[^:\\s]*:(\\d+)");

    @TempDir
    Path dir;

    /** A running nbd_serve with its TCP port. */
    private record Tls(ServedExports served, int port) implements AutoCloseable {
        String uri(String export, Path clientDir) {
            return "nbds://127.0.0.1:" + port + "/" + export + "?tls-certificates=" + clientDir;
        }

        String plainUri(String export) {
            return "nbd://127.0.0.1:" + port + "/" + export;
        }

        /** qemu's --image-opts for the export with TLS credentials {@code tls0}. */
        String qemuOpts(String export) {
            return "driver=nbd,host=127.0.0.1,port=" + port + ",export=" + export + ",tls-creds=tls0";
        }

        @Override
        public void close() throws InterruptedException {
            served.close();
        }
    }

    private Tls serve(TestPki pki, String... tls) throws IOException, InterruptedException {
        Path file = dir.resolve("lv.img");
        if (!Files.exists(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.truncate(FILE_SIZE);
                ch.write(java.nio.ByteBuffer.allocate(1), FILE_SIZE - 1);
            }
        }
        List<String> args = NbdClients.args("--file", file.toString(), "--name", "vg/lv",
                "--thin-pool", dir.resolve("meta.img") + "," + dir.resolve("data.img"),
                "--thin-size", Long.toString(THIN_SIZE), "--thin-name", "pool/thin", "--tcp", "127.0.0.1:0",
                "--tls-cert", pki.serverCert().toString(), "--tls-key", pki.serverKey().toString());
        args.addAll(List.of(tls));
        ServedExports s = new ServedExports(dir.resolve("nbd.sock"), args.toArray(new String[0]));
        Matcher m = TCP.matcher(s.output());
        assertTrue(m.find(), s.output());
        return new Tls(s, Integer.parseInt(m.group(1)));
    }

    private static Path randomFile(Path p, long seed, long size) throws IOException {
        System.out.println("NbdTlsRealClientsTest data seed=" + seed);
        byte[] b = new byte[(int) size];
        new Random(seed).nextBytes(b);
        return Files.write(p, b);
    }

    private static byte[] sha256(Path p, long bytes) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] all = Files.readAllBytes(p);
        md.update(all, 0, (int) Math.min(bytes, all.length));
        return md.digest();
    }

    @Test
    void libnbdToolsOverTlsWhenTlsIsRequired() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Path client = pki.client("client1", true);
        long size = 24L << 20;
        Path src = randomFile(dir.resolve("src.bin"), 21, size);
        Path back = dir.resolve("back.bin");
        try (Tls s = serve(pki, "--tls", "require", "--tls-ca", pki.caCert().toString())) {
            String info = NbdClients.ok(dir, 30, "nbdinfo", s.uri("vg/lv", client)).out();
            assertTrue(info.contains("with TLS") && info.contains("export-size: " + FILE_SIZE), info);
            String list = NbdClients.ok(dir, 30, "nbdinfo", "--list", s.uri("", client)).out();
            assertTrue(list.contains("export=\"vg/lv\"") && list.contains("export=\"pool/thin\""), list);
            NbdClients.ok(dir, 120, "nbdcopy", "--flush", src.toString(), s.uri("pool/thin", client));
            NbdClients.ok(dir, 120, "nbdcopy", s.uri("pool/thin", client), back.toString());
            String map = NbdClients.ok(dir, 30, "nbdinfo", "--map", s.uri("pool/thin", client)).out();
            assertTrue(map.contains("0    25165824    0  data"), map);
            // Without TLS nothing is served: options are refused with NBD_REP_ERR_TLS_REQD.
            NbdClients.Result plain = NbdClients.run(dir, 30, "nbdinfo", s.plainUri("vg/lv"));
            assertNotEquals(0, plain.code(), plain.all());
            assertFalse(plain.all().contains("export-size"), plain.all());
            NbdClients.Result plainList = NbdClients.run(dir, 30, "nbdinfo", "--list", s.plainUri(""));
            assertNotEquals(0, plainList.code(), plainList.all());
        }
        assertArrayEquals(sha256(src, size), sha256(back, size), "nbdcopy over TLS: out differs from in");
        assertEquals(THIN_SIZE, Files.size(back));
    }

    @Test
    void qemuImgInfoAndConvertOverTls() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Path client = pki.client("client1", true);
        long size = 8L << 20;
        Path src = randomFile(dir.resolve("src.raw"), 22, size);
        Path back = dir.resolve("back.raw");
        String creds = "tls-creds-x509,id=tls0,dir=" + client + ",endpoint=client";
        try (Tls s = serve(pki, "--tls", "require", "--tls-ca", pki.caCert().toString())) {
            String info = NbdClients.ok(dir, 30, "qemu-img", "info", "--object", creds, "--image-opts",
                    s.qemuOpts("pool/thin")).out();
            assertTrue(info.contains("virtual size: 64 MiB (67108864 bytes)"), info);
            NbdClients.ok(dir, 60, "qemu-img", "convert", "-n", "-f", "raw", "--object", creds,
                    "--target-image-opts", src.toString(), s.qemuOpts("vg/lv"));
            NbdClients.ok(dir, 60, "qemu-img", "convert", "-O", "raw", "--object", creds, "--image-opts",
                    s.qemuOpts("vg/lv"), back.toString());
        }
        assertEquals(FILE_SIZE, Files.size(back));
        assertArrayEquals(sha256(src, size), sha256(back, size), "qemu-img convert over TLS: out differs from in");
    }

    @Test
    void allowListShowsAndOpensOnlyWhatACertificateMayOpen() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Path client1 = pki.client("client1", true);
        Path intruder = pki.client("intruder", true);
        Path self = pki.client("selfsigned", false);
        // Fingerprints pin certificates without a CA: client1 may open vg/lv only, the self-signed one anything.
        try (Tls s = serve(pki, "--tls-allow", "vg/lv=sha256:" + pki.fingerprint(client1),
                "--tls-allow", "sha256:" + pki.fingerprint(self).replace(":", "").toLowerCase())) {
            String list1 = NbdClients.ok(dir, 30, "nbdinfo", "--list", s.uri("", client1)).out();
            assertTrue(list1.contains("export=\"vg/lv\"") && !list1.contains("pool/thin"), list1);
            NbdClients.ok(dir, 30, "nbdinfo", s.uri("vg/lv", client1));
            NbdClients.Result denied = NbdClients.run(dir, 30, "nbdinfo", s.uri("pool/thin", client1));
            assertNotEquals(0, denied.code(), denied.all());
            String listSelf = NbdClients.ok(dir, 30, "nbdinfo", "--list", s.uri("", self)).out();
            assertTrue(listSelf.contains("export=\"vg/lv\"") && listSelf.contains("export=\"pool/thin\""),
                    listSelf);
            // A certificate on no rule fails the TLS handshake.
            NbdClients.Result refused = NbdClients.run(dir, 30, "nbdinfo", s.uri("vg/lv", intruder));
            assertNotEquals(0, refused.code(), refused.all());
            assertTrue(refused.all().contains("TLS"), refused.all());
            // Plain text on loopback (TLS is optional there) sees and opens nothing.
            String plainList = NbdClients.ok(dir, 30, "nbdinfo", "--list", s.plainUri("")).out();
            assertFalse(plainList.contains("export="), plainList);
            assertNotEquals(0, NbdClients.run(dir, 30, "nbdinfo", s.plainUri("vg/lv")).code());
        }
        // By subject, with certificates verified against the CA: the self-signed one no longer gets in.
        try (Tls s = serve(pki, "--tls-ca", pki.caCert().toString(), "--tls-allow", "subject:CN=intruder,O=jlvm")) {
            NbdClients.ok(dir, 30, "nbdinfo", s.uri("pool/thin", intruder));
            assertNotEquals(0, NbdClients.run(dir, 30, "nbdinfo", s.uri("pool/thin", client1)).code());
            assertNotEquals(0, NbdClients.run(dir, 30, "nbdinfo", s.uri("pool/thin", self)).code());
        }
    }

    @Test
    void tlsOptionsAreCheckedBeforeServing() throws Exception {
        Path file = Files.write(dir.resolve("f.img"), new byte[4096]);
        assertOneLineError("TLS is required on 0.0.0.0 but no certificate is configured",
                "--file", file.toString(), "--tcp", "0.0.0.0:0");
        assertOneLineError("--tls=require needs --tls-cert and --tls-key",
                "--file", file.toString(), "--tcp", "127.0.0.1:0", "--tls", "require");
        assertOneLineError("TLS mode 'maybe' is not one of off, on, require, auto",
                "--file", file.toString(), "--tcp", "127.0.0.1:0", "--tls", "maybe");
        assertOneLineError("--tcp 127.0.0.1: not HOST:PORT", "--file", file.toString(), "--tcp", "127.0.0.1");
        assertOneLineError("a TLS allow rule by subject needs a CA (--tls-ca)", "--file", file.toString(),
                "--tcp", "127.0.0.1:0", "--tls-cert", file.toString(), "--tls-key", file.toString(),
                "--tls-allow", "subject:CN=x");
        assertOneLineError("TLS allow rule 'CN=x' is not", "--file", file.toString(), "--tcp", "127.0.0.1:0",
                "--tls-cert", file.toString(), "--tls-key", file.toString(), "--tls-allow", "CN=x");
        assertOneLineError("not a certificate file", "--file", file.toString(), "--tcp", "127.0.0.1:0",
                "--tls-cert", file.toString(), "--tls-key", file.toString());
    }

    private void assertOneLineError(String expected, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new NbdServeCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("nbd_serve: " + ex.getMessage());
            return 5;
        });
        assertEquals(5, cl.execute(args), err.toString());
        assertTrue(err.toString().contains(expected), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
