package org.jlvm.cli.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's settings: whether (and where) it also serves NBD over TCP. Read from {@code $JLVM_HOME/jlvmd.conf},
 * lines {@code nbd_tcp_port = N} and {@code nbd_tcp_bind = ADDR} (default 127.0.0.1; {@code #} starts a comment);
 * no port, no TCP.
 *
 * @param tcpPort -1 for no TCP listener, 0 for any free port
 */
public record DaemonConfig(int tcpPort, String tcpBind) {
    public static final String FILE = "jlvmd.conf";

    public static DaemonConfig none() {
        return new DaemonConfig(-1, "127.0.0.1");
    }

    public static DaemonConfig read(Path home) throws IOException {
        Path f = home.resolve(FILE);
        if (!Files.exists(f)) {
            return none();
        }
        int port = -1;
        String bind = "127.0.0.1";
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).replaceFirst("#.*", "").trim();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            String key = eq < 0 ? l : l.substring(0, eq).trim();
            String value = eq < 0 ? "" : l.substring(eq + 1).trim();
            switch (key) {
                case "nbd_tcp_port" -> port = parsePort(f, i + 1, value);
                case "nbd_tcp_bind" -> bind = value;
                default -> throw new IOException(f + ":" + (i + 1) + ": unknown setting '" + key + "'");
            }
        }
        return new DaemonConfig(port, bind);
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
        return new DaemonConfig(port, bind);
    }
}
