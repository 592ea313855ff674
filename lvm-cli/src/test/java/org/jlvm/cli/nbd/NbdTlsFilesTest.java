package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.Protocol.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material in the forms openssl writes, and allow-list rules. */
class NbdTlsFilesTest {
    @TempDir
    Path dir;

    /** A server with this key material accepts a TLS client (our protocol client). */
    private static void serves(NbdTls tls, TestPki pki) throws Exception {
        try (NbdServer s = new NbdServer(ExportRegistry.of(List.of()), NbdServerConfig.defaults().withTls(tls));
             NbdTestClient c = NbdTestClient.connect(s.listenTcp("127.0.0.1", 0))) {
            c.greeting();
            c.clientFlags(CLIENT_FIXED_NEWSTYLE);
            assertEquals(REP_ACK, c.startTls(pki.clientContext(pki.client("c" + System.nanoTime(), true))).type());
            c.option(OPT_LIST, new byte[0]);
            assertEquals(REP_ACK, c.optionReply().type(), "no exports, then the ACK, over TLS");
        }
    }

    @Test
    void pkcs1RsaKeysAndPkcs12FilesAreRead() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        pki.openssl("genrsa", "-traditional", "-out", "rsa1.pem", "2048");
        assertTrue(Files.readString(pki.dir.resolve("rsa1.pem")).contains("BEGIN RSA PRIVATE KEY"));
        pki.openssl("req", "-new", "-key", "rsa1.pem", "-out", "rsa1.csr", "-subj", "/CN=localhost");
        pki.openssl("x509", "-req", "-in", "rsa1.csr", "-CA", "ca-cert.pem", "-CAkey", "ca-key.pem",
                "-CAcreateserial", "-out", "rsa1-cert.pem", "-days", "2");
        serves(NbdTls.load(TlsMode.ON, pki.dir.resolve("rsa1-cert.pem"), pki.dir.resolve("rsa1.pem"), null,
                ClientAllowList.everyone()), pki);

        pki.openssl("pkcs12", "-export", "-in", "server-cert.pem", "-inkey", "server-key.pem", "-out", "server.p12",
                "-passout", "pass:");
        serves(NbdTls.load(TlsMode.ON, pki.dir.resolve("server.p12"), null, null, ClientAllowList.everyone()), pki);
    }

    @Test
    void unusableKeyFilesAreOneLineErrors() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        pki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem");
        IOException sec1 = assertThrows(IOException.class, () -> NbdTls.load(TlsMode.ON, pki.serverCert(),
                pki.dir.resolve("ec.pem"), null, ClientAllowList.everyone()));
        assertTrue(sec1.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), sec1.getMessage());
        IOException noKey = assertThrows(IOException.class, () -> NbdTls.load(TlsMode.ON, pki.serverCert(), null,
                null, ClientAllowList.everyone()));
        assertTrue(noKey.getMessage().contains("needs its private key file"), noKey.getMessage());
        IOException wrongKey = assertThrows(IOException.class, () -> NbdTls.load(TlsMode.ON, pki.serverCert(),
                pki.caCert(), null, ClientAllowList.everyone()));
        assertTrue(wrongKey.getMessage().contains("not an unencrypted PEM private key"), wrongKey.getMessage());
        assertFalse(wrongKey.getMessage().contains("\n"));
    }

    @Test
    void allowListRules() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Path a = pki.client("a", true);
        X509Certificate certA = TlsKeyMaterial.certificates(a.resolve("client-cert.pem")).get(0);
        X509Certificate certB = TlsKeyMaterial.certificates(pki.client("b", true).resolve("client-cert.pem")).get(0);
        String fp = pki.fingerprint(a);
        ClientAllowList l = ClientAllowList.parse(List.of("vg/x,vg/y=sha256:" + fp.toLowerCase(),
                "subject:CN=b,O=jlvm"));
        assertTrue(l.knows(certA) && l.knows(certB));
        assertTrue(l.mayOpen(Optional.of(certA), "vg/x") && l.mayOpen(Optional.of(certA), "vg/y"));
        assertFalse(l.mayOpen(Optional.of(certA), "vg/z"), "a's rule names two exports");
        assertTrue(l.mayOpen(Optional.of(certB), "vg/z"), "b's rule covers every export");
        assertFalse(l.mayOpen(Optional.empty(), "vg/x"), "no certificate, no export");
        assertTrue(ClientAllowList.everyone().mayOpen(Optional.empty(), "vg/x"));
        for (String bad : List.of("sha256:abc", "CN=x", "=sha256:" + fp, "vg/x,=sha256:" + fp, "subject:not a dn")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClientAllowList.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("TLS allow rule '" + bad + "'"), e.getMessage());
        }
    }
}
