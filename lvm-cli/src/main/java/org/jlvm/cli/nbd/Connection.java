package org.jlvm.cli.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection, run on its own reader thread: the handshake (TLS included; closed if it takes longer than
 * the configured timeout), then the transmission phase with a {@link ReplyWriter} thread. However the client leaves
 * (NBD_CMD_DISC, EOF, garbage, a failed reply write), the connection waits (bounded) for its in-flight requests,
 * then closes the socket. Nothing a client sends makes this throw.
 */
final class Connection implements Runnable {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final SocketChannel channel;
    private final String peer;
    private final ExportRegistry exports;
    private final NbdServerConfig config;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final Runnable onClose;
    private final BufferPool buffers;
    private final TlsMode tlsMode;
    private final boolean tcp;
    private NewstyleHandshake handshake;

    /**
     * @param tlsMode the listener's resolved TLS mode
     * @param tcp     the client came over TCP (the TLS allow-list applies)
     */
    Connection(SocketChannel channel, String peer, ExportRegistry exports, NbdServerConfig config, Executor workers,
               ScheduledExecutorService timer, BufferPool buffers, TlsMode tlsMode, boolean tcp, Runnable onClose) {
        this.channel = channel;
        this.buffers = buffers;
        this.tlsMode = tlsMode;
        this.tcp = tcp;
        this.peer = peer;
        this.exports = exports;
        this.config = config;
        this.workers = workers;
        this.timer = timer;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try {
            Optional<Session> session = handshake();
            if (session.isPresent()) {
                transmit(session.get());
            }
        } catch (EOFException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> peer + ": " + e.getMessage());
        } catch (javax.net.ssl.SSLException e) {
            LOG.log(System.Logger.Level.INFO, () -> peer + ": TLS failed: " + e.getMessage());
        } catch (ProtocolViolation e) {
            LOG.log(System.Logger.Level.INFO, () -> peer + ": closing the connection: " + e.getMessage());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> peer + ": connection ended: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, peer + ": connection failed", e);
        } finally {
            close();
            onClose.run();
        }
    }

    private Optional<Session> handshake() throws IOException {
        ScheduledFuture<?> deadline = timer.schedule(this::close, config.handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            handshake = new NewstyleHandshake(channel, exports, config.maxPayload(), config.tls(), tlsMode, tcp);
            Optional<Session> s = handshake.run();
            if (!deadline.cancel(false)) {
                throw new EOFException("handshake timed out");
            }
            return s;
        } finally {
            deadline.cancel(false);
        }
    }

    private void transmit(Session session) throws IOException, InterruptedException {
        ByteChannel link = handshake.channel();
        ReplyWriter writer = new ReplyWriter((GatheringByteChannel) link, this::close);
        Thread writerThread = new Thread(writer, "nbd-writer " + peer);
        writerThread.setDaemon(true);
        writerThread.start();
        Transmission t = new Transmission(link, session, config, workers, buffers, writer);
        exports.opened(session.export());
        try {
            transmit(t, writer, writerThread);
        } finally {
            exports.closed(session.export()); // after its requests are done
        }
    }

    private void transmit(Transmission t, ReplyWriter writer, Thread writerThread) throws IOException,
            InterruptedException {
        boolean disconnected = false;
        try {
            t.run();
            disconnected = true;
        } finally {
            if (!t.drain(config.drainTimeout().toMillis())) {
                close(); // a client that stopped reading: its replies are dropped
                t.drain(config.drainTimeout().toMillis());
            }
            writer.finish();
            writerThread.join(config.drainTimeout().toMillis());
            if (disconnected && !writerThread.isAlive()) {
                handshake.tls().ifPresent(TlsChannel::closeNotify); // NBD_CMD_DISC: end TLS, then TCP
            }
        }
    }

    /** Closes the socket (idempotent; unblocks the reader and the writer). */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> peer + ": close failed: " + e);
        }
    }
}
