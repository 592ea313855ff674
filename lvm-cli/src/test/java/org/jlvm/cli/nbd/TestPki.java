package org.jlvm.cli.nbd;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away x509 PKI made with the openssl CLI at test time: a CA, a server certificate for 127.0.0.1 and
 * localhost, and client certificates signed by the CA (plus one self-signed). Each client gets a directory in the
 * layout libnbd's {@code tls-certificates=DIR} and qemu's {@code tls-creds-x509,dir=DIR} read: {@code ca-cert.pem},
 * {@code client-cert.pem}, {@code client-key.pem}.
 */
public final class TestPki {
    public final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** Makes the CA and the server certificate in {@code dir}; clients are added with {@link #client}. */
    public static TestPki create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestPki p = new TestPki(dir);
        p.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca-key.pem", "-out", "ca-cert.pem", "-days", "2", "-subj", "/CN=jlvm test CA");
        Files.writeString(dir.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        p.openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr",
                "-subj", "/CN=localhost");
        p.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca-cert.pem", "-CAkey", "ca-key.pem",
                "-CAcreateserial", "-out", "server-cert.pem", "-days", "2", "-extfile", "server.ext");
        return p;
    }

    public Path caCert() {
        return dir.resolve("ca-cert.pem");
    }

    public Path serverCert() {
        return dir.resolve("server-cert.pem");
    }

    public Path serverKey() {
        return dir.resolve("server-key.pem");
    }

    /**
     * A client directory {@code dir/NAME} with a certificate for subject {@code O=jlvm,CN=NAME}, signed by the CA
     * or self-signed.
     */
    public Path client(String name, boolean signedByCa) throws IOException, InterruptedException {
        Path c = Files.createDirectories(dir.resolve(name));
        Files.copy(caCert(), c.resolve("ca-cert.pem"));
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        String key = name + "/client-key.pem";
        String cert = name + "/client-cert.pem";
        String subj = "/O=jlvm/CN=" + name;
        if (signedByCa) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                    "-out", name + ".csr", "-subj", subj);
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca-cert.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", "client.ext");
        } else {
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", subj, "-addext",
                    "extendedKeyUsage=clientAuth");
        }
        return c;
    }

    /** The SHA-256 fingerprint of a client's certificate as openssl prints it (AB:CD:...). */
    public String fingerprint(Path clientDir) throws IOException, InterruptedException {
        String out = openssl("x509", "-in", clientDir.resolve("client-cert.pem").toString(), "-noout",
                "-fingerprint", "-sha256");
        return out.substring(out.indexOf('=') + 1).strip();
    }

    /** A client-side context with a client's key and certificate, trusting the CA. */
    public SSLContext clientContext(Path clientDir) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TlsKeyMaterial.serverKeys(clientDir.resolve("client-cert.pem"), clientDir.resolve("client-key.pem")),
                new char[0]);
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", TlsKeyMaterial.certificates(caCert()).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    String openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("openssl is not installed: install the Debian package 'openssl' (listed in"
                    + " scripts/test-packages.txt): " + e.getMessage());
            throw e;
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
