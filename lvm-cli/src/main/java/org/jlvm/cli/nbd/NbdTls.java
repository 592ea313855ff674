package org.jlvm.cli.nbd;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS settings of an {@link NbdServer}: the mode, the server's certificate (x509, through the JDK's
 * {@link SSLEngine}; TLS 1.3 and 1.2), and which clients may connect. Client certificates are required when a CA
 * is given (they must chain to it) or when the allow-list is not empty (a certificate that no rule names fails
 * the TLS handshake). Immutable.
 */
public final class NbdTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final NbdTls OFF = new NbdTls(TlsMode.OFF, null, false, ClientAllowList.everyone());

    private final TlsMode mode;
    private final SSLContext context;
    private final boolean needClientAuth;
    private final ClientAllowList allow;

    private NbdTls(TlsMode mode, SSLContext context, boolean needClientAuth, ClientAllowList allow) {
        this.mode = mode;
        this.context = context;
        this.needClientAuth = needClientAuth;
        this.allow = allow;
    }

    /** No TLS on any listener, beyond loopback too: STARTTLS is refused (an explicit choice). */
    public static NbdTls off() {
        return OFF;
    }

    /**
     * The default: no certificate, mode AUTO. Unix sockets and loopback TCP serve plain text; binding TCP beyond
     * loopback fails, as TLS is required there.
     */
    public static NbdTls none() {
        return new NbdTls(TlsMode.AUTO, null, false, ClientAllowList.everyone());
    }

    /**
     * The TLS settings a user gave: a mode word, the certificate files and allow rules, checked together.
     * {@code name} turns a setting's base name ({@code tls-cert}, ...) into the name the user wrote, for messages
     * ({@code --tls-cert} on a command line, {@code nbd_tls_cert} in a file).
     */
    public static NbdTls configure(String mode, Path cert, Path key, Path ca, List<String> allowRules,
            java.util.function.UnaryOperator<String> name) throws IOException {
        TlsMode m = TlsMode.parse(mode);
        ClientAllowList allow = ClientAllowList.parse(allowRules == null ? List.of() : allowRules);
        if (cert == null) {
            if (key != null || ca != null || !allow.isEmpty()) {
                throw new IllegalArgumentException(name.apply("tls-key") + ", " + name.apply("tls-ca") + " and "
                        + name.apply("tls-allow") + " need " + name.apply("tls-cert"));
            }
            if (m == TlsMode.ON || m == TlsMode.REQUIRE) {
                throw new IllegalArgumentException(name.apply("tls") + "=" + mode + " needs " + name.apply("tls-cert")
                        + " and " + name.apply("tls-key"));
            }
            return m == TlsMode.OFF ? off() : none();
        }
        return load(m, cert, key, ca, allow);
    }

    /**
     * Loads a server certificate and key ({@code key} null when {@code cert} is a PKCS#12 file), optionally a CA
     * file (PEM) client certificates must chain to, and an allow-list of clients.
     */
    public static NbdTls load(TlsMode mode, Path cert, Path key, Path ca, ClientAllowList allow) throws IOException {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(allow, "allow");
        if (allow.hasSubjectRules() && ca == null) {
            throw new IllegalArgumentException("a TLS allow rule by subject needs a CA (--tls-ca) to verify"
                    + " client certificates against");
        }
        try {
            KeyStore keys = TlsKeyMaterial.serverKeys(cert, key);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            X509TrustManager cas = ca == null ? null : caTrust(TlsKeyMaterial.certificates(ca));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {new ClientTrust(cas, allow)}, null);
            return new NbdTls(mode, ctx, ca != null || !allow.isEmpty(), allow);
        } catch (GeneralSecurityException e) {
            throw new IOException(cert + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager caTrust(List<X509Certificate> cas) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            ks.setCertificateEntry("ca" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    public TlsMode mode() {
        return mode;
    }

    public ClientAllowList allowList() {
        return allow;
    }

    /** True when a certificate is configured. */
    public boolean available() {
        return context != null;
    }

    /** The mode a listener's connections get: unix sockets ({@code address} null) or TCP on {@code address}. */
    TlsMode modeFor(InetAddress address) throws IOException {
        TlsMode m = mode;
        if (m == TlsMode.AUTO) {
            boolean local = address == null || address.isLoopbackAddress();
            m = !local ? TlsMode.REQUIRE : context != null ? TlsMode.ON : TlsMode.OFF;
        }
        if (m != TlsMode.OFF && context == null) {
            throw new IOException("TLS is required " + (address == null ? "here" : "on " + address.getHostAddress())
                    + " but no certificate is configured: give --tls-cert and --tls-key, or --tls=off");
        }
        return m;
    }

    /** A server-side engine for one connection. */
    SSLEngine newEngine() {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledProtocols(PROTOCOLS);
        e.setNeedClientAuth(needClientAuth);
        return e;
    }

    /** Client certificates: chained to the CA when there is one, and named by the allow-list when it has rules. */
    private static final class ClientTrust implements X509TrustManager {
        private final X509TrustManager cas;
        private final ClientAllowList allow;

        ClientTrust(X509TrustManager cas, ClientAllowList allow) {
            this.cas = cas;
            this.allow = allow;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no client certificate");
            }
            if (cas != null) {
                cas.checkClientTrusted(chain, authType);
            }
            if (!allow.knows(chain[0])) {
                throw new CertificateException("client certificate " + chain[0].getSubjectX500Principal()
                        + " (sha256 " + ClientAllowList.fingerprint(chain[0]) + ") is not on the allow-list");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this trust manager only checks clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return cas == null ? new X509Certificate[0] : cas.getAcceptedIssuers();
        }
    }
}
