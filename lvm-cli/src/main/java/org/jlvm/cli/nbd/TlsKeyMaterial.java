package org.jlvm.cli.nbd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Reads the server's TLS key material from files: a PEM certificate chain with a PEM private key (PKCS#8
 * {@code PRIVATE KEY}, or PKCS#1 {@code RSA PRIVATE KEY}), or a PKCS#12 file ({@code .p12}/{@code .pfx}, empty
 * password) holding both; and PEM CA certificates. Errors are one-line {@link IOException}s naming the file.
 */
final class TlsKeyMaterial {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsKeyMaterial() {
    }

    /** A key store holding the server's key and chain under the alias "server". */
    static KeyStore serverKeys(Path cert, Path key) throws IOException {
        try {
            KeyStore ks;
            if (isPkcs12(cert)) {
                ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(cert)) {
                    ks.load(in, NO_PASSWORD);
                }
                return ks;
            }
            if (key == null) {
                throw new IOException("a PEM certificate " + cert + " needs its private key file");
            }
            List<X509Certificate> chain = certificates(cert);
            ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", privateKey(key), NO_PASSWORD, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException(cert + ": " + e.getMessage(), e);
        }
    }

    static boolean isPkcs12(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".p12") || n.endsWith(".pfx");
    }

    /** Every certificate of a PEM (or DER) file; at least one. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IOException(file + ": no certificate in the file");
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a certificate file: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] der;
        if (text.contains("-----BEGIN PRIVATE KEY-----")) {
            der = pem(text, "PRIVATE KEY", file);
        } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            der = pkcs1ToPkcs8(pem(text, "RSA PRIVATE KEY", file));
        } else {
            throw new IOException(file + ": not an unencrypted PEM private key (PKCS#8 'PRIVATE KEY' or"
                    + " 'RSA PRIVATE KEY'); convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": a private key of an unsupported algorithm");
    }

    private static byte[] pem(String text, String label, Path file) throws IOException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end, b);
        if (b < 0 || e < 0) {
            throw new IOException(file + ": no complete '" + label + "' PEM block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException x) {
            throw new IOException(file + ": bad base64 in the '" + label + "' PEM block");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key). */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len;
        if (n < 0x80) {
            len = new byte[] {(byte) n};
        } else if (n < 0x100) {
            len = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            len = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            len = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }
}
