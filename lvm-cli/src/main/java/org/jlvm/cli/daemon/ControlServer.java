package org.jlvm.cli.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.UnaryOperator;

/**
 * The daemon's control socket: a unix socket in the (owner-only) run directory, itself owner-only; each connection
 * gets a thread that answers its request frames in turn with what {@code handler} returns (it never throws).
 */
final class ControlServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());

    private final ServerSocketChannel server;
    private final Path path;
    private final UnaryOperator<ControlMessage> handler;
    private final Runnable afterReply;

    private ControlServer(ServerSocketChannel server, Path path, UnaryOperator<ControlMessage> handler,
            Runnable afterReply) {
        this.server = server;
        this.path = path;
        this.handler = handler;
        this.afterReply = afterReply;
    }

    /**
     * Listens at {@code path} (a stale socket there is replaced: the caller holds the daemon's lock); {@code
     * afterReply} runs once each reply is written (so a daemon stopping after a request answers it first).
     */
    static ControlServer listen(Path path, UnaryOperator<ControlMessage> handler, Runnable afterReply)
            throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            s.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        ControlServer c = new ControlServer(s, path, handler, afterReply);
        Thread t = new Thread(c::acceptLoop, "jlvmd-control");
        t.setDaemon(true);
        t.start();
        return c;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread t = new Thread(() -> serve(ch), "jlvmd-control-client");
                t.setDaemon(true);
                t.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "control accept failed: " + e.getMessage());
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            while (true) {
                ControlMessage request;
                try {
                    request = ControlWire.read(ch);
                } catch (EOFException e) {
                    return;
                }
                try {
                    ControlWire.write(ch, handler.apply(request));
                } finally {
                    afterReply.run();
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "control connection ended: " + e.getMessage());
        }
    }

    /**
     * Stops accepting and removes the socket. Connections open now end when their clients close them (a reply being
     * written is not cut off); the handler answers what they still send.
     */
    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
