package org.jlvm.cli.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.nbd.NbdTls;

/**
 * The daemon's settings: whether (and where) it also serves NBD over TCP, and its TLS. Read from
 * {@code $JLVM_HOME/jlvmd.conf}, {@code key = value} lines ({@code #} starts a comment):
 * {@code nbd_tcp_port = N}, {@code nbd_tcp_bind = ADDR} (default 127.0.0.1; no port, no TCP),
 * {@code nbd_tls = auto|on|require|off}, {@code nbd_tls_cert}, {@code nbd_tls_key}, {@code nbd_tls_ca} (files, as
 * {@code nbd_serve --tls-*} takes them) and {@code nbd_tls_allow} (repeatable). As for {@code nbd_serve}: TLS is
 * required on TCP beyond loopback unless {@code nbd_tls = off}.
 *
 * @param tcpPort -1 for no TCP listener, 0 for any free port
 */
public record DaemonConfig(int tcpPort, String tcpBind, Tls tls) {
    public static final String FILE = "jlvmd.conf";

    /** The TLS settings as written (checked by {@link #nbdTls}). */
    public record Tls(String mode, Path cert, Path key, Path ca, List<String> allow) {
        public Tls {
            allow = List.copyOf(allow);
        }

        static Tls none() {
            return new Tls("auto", null, null, null, List.of());
        }
    }

    public DaemonConfig {
        java.util.Objects.requireNonNull(tls, "tls");
    }

    public static DaemonConfig none() {
        return new DaemonConfig(-1, "127.0.0.1", Tls.none());
    }

    public static DaemonConfig read(Path home) throws IOException {
        Path f = home.resolve(FILE);
        if (!Files.exists(f)) {
            return none();
        }
        int port = -1;
        String bind = "127.0.0.1";
        String mode = "auto";
        Path cert = null;
        Path key = null;
        Path ca = null;
        List<String> allow = new ArrayList<>();
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).replaceFirst("#.*", "").trim();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            String k = eq < 0 ? l : l.substring(0, eq).trim();
            String value = eq < 0 ? "" : l.substring(eq + 1).trim();
            switch (k) {
                case "nbd_tcp_port" -> port = parsePort(f, i + 1, value);
                case "nbd_tcp_bind" -> bind = value;
                case "nbd_tls" -> mode = value;
                case "nbd_tls_cert" -> cert = home.resolve(value);
                case "nbd_tls_key" -> key = home.resolve(value);
                case "nbd_tls_ca" -> ca = home.resolve(value);
                case "nbd_tls_allow" -> allow.add(value);
                default -> throw new IOException(f + ":" + (i + 1) + ": unknown setting '" + k + "'");
            }
        }
        return new DaemonConfig(port, bind, new Tls(mode, cert, key, ca, allow));
    }

    private static int parsePort(Path f, int line, String v) throws IOException {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(f + ":" + line + ": nbd_tcp_port '" + v + "' is not a port number");
    }

    public DaemonConfig withTcp(int port, String bind) {
        return new DaemonConfig(port, bind, tls);
    }

    /** The NBD server's TLS (certificates loaded); a bad combination fails with the setting names of the file. */
    NbdTls nbdTls() throws IOException {
        try {
            return NbdTls.configure(tls.mode(), tls.cert(), tls.key(), tls.ca(), tls.allow(),
                    n -> "nbd_" + n.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IOException(FILE + ": " + e.getMessage(), e);
        }
    }

    /** Whether TCP clients connect with TLS (a certificate is configured and TLS is not off). */
    boolean tlsOnTcp() {
        return tls.cert() != null && !"off".equals(tls.mode());
    }
}
