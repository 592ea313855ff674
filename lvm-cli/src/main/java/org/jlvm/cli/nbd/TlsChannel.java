package org.jlvm.cli.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * TLS over a connection's blocking socket channel with an {@link SSLEngine}, after {@code NBD_OPT_STARTTLS}. One
 * thread may read while another writes (the engine allows wrap and unwrap at once; each side has its lock). Memory is
 * a few TLS records per direction. After the handshake only TLS 1.3's post-handshake messages are answered; a TLS
 * 1.2 renegotiation closes the connection. Closing closes the socket.
 */
final class TlsChannel implements ByteChannel, GatheringByteChannel {
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    private final SocketChannel net;
    private final SSLEngine engine;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean inboundDone;
    private volatile boolean established;

    TlsChannel(SocketChannel net, SSLEngine engine) {
        this.net = net;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(packet * 4);
    }

    /** Runs the TLS handshake to completion; an {@link SSLException} when it fails (the alert is sent first). */
    void handshake() throws IOException {
        try {
            engine.beginHandshake();
            while (true) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_WRAP -> wrap(NOTHING, 0, 1);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (unwrap(appIn) < 0) {
                            throw new EOFException("the client closed the connection during the TLS handshake");
                        }
                    }
                    case NEED_TASK -> runTasks();
                    default -> {
                        established = true;
                        return;
                    }
                }
            }
        } catch (SSLException e) {
            sendAlert();
            throw e;
        }
    }

    /** The client's certificate, when it sent one (and it was verified). */
    Optional<X509Certificate> peerCertificate() {
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    String protocol() {
        return engine.getSession().getProtocol();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        readLock.lock();
        try {
            while (appIn.position() == 0) {
                if (inboundDone) {
                    return -1;
                }
                // Large reads skip the copy: the engine decrypts straight into the caller's buffer.
                ByteBuffer target = dst.remaining() >= appIn.capacity() ? dst : appIn;
                int before = dst.position();
                if (unwrap(target) < 0) {
                    inboundDone = true;
                    return -1;
                }
                afterHandshakeStatus();
                if (target == dst && dst.position() > before) {
                    return dst.position() - before;
                }
            }
            appIn.flip();
            int n = Math.min(appIn.remaining(), dst.remaining());
            ByteBuffer slice = appIn.slice().limit(n);
            dst.put(slice);
            appIn.position(appIn.position() + n);
            appIn.compact();
            return n;
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Unwraps one or more records into {@code out}, reading from the socket as needed, until something was produced
     * or the handshake wants to move on; -1 at end of stream or on the client's close_notify.
     */
    private int unwrap(ByteBuffer out) throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, out);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case OK -> {
                    if (r.bytesProduced() > 0 || r.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP
                            || r.bytesConsumed() > 0 && !established) {
                        return r.bytesProduced();
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    int packet = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < packet) {
                        netIn = ByteBuffer.allocate(packet).put(netIn.flip());
                    }
                    if (net.read(netIn) < 0) {
                        return -1;
                    }
                }
                case BUFFER_OVERFLOW -> {
                    if (out != appIn) {
                        return 0; // the caller's buffer is too small: the next try goes through appIn
                    }
                    if (appIn.position() > 0) {
                        return 0;
                    }
                    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
                }
                case CLOSED -> {
                    return -1;
                }
            }
        }
    }

    /** After the handshake: TLS 1.3 key updates and tickets are answered; anything like renegotiation is refused. */
    private void afterHandshakeStatus() throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (!"TLSv1.3".equals(protocol())) {
                        throw new SSLException("TLS renegotiation is not supported");
                    }
                    writeLock.lock();
                    try {
                        wrap(NOTHING, 0, 1);
                    } finally {
                        writeLock.unlock();
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!"TLSv1.3".equals(protocol())) {
                        throw new SSLException("TLS renegotiation is not supported");
                    }
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        writeLock.lock();
        try {
            return wrap(srcs, offset, length);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Encrypts all of {@code srcs} (at least one record, even when empty: handshake messages) and writes the records,
     * several per socket write. Called with the write lock held, or during the single-threaded handshake.
     */
    private long wrap(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long consumed = 0;
        boolean first = true;
        while (first || remaining(srcs, offset, length)) {
            first = false;
            netOut.clear();
            do {
                SSLEngineResult r = engine.wrap(srcs, offset, length, netOut);
                switch (r.getStatus()) {
                    case OK -> consumed += r.bytesConsumed();
                    case BUFFER_OVERFLOW -> {
                        if (netOut.position() == 0) {
                            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 4);
                        }
                    }
                    case CLOSED -> {
                        flushNetOut();
                        throw new ClosedChannelException();
                    }
                    default -> throw new SSLException("unexpected wrap status " + r.getStatus());
                }
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && remaining(srcs, offset, length)) {
                    throw new SSLException("TLS stalled: the engine wants to " + r.getHandshakeStatus());
                }
            } while (remaining(srcs, offset, length)
                    && netOut.remaining() >= engine.getSession().getPacketBufferSize());
            flushNetOut();
        }
        return consumed;
    }

    private void flushNetOut() throws IOException {
        netOut.flip();
        while (netOut.hasRemaining()) {
            net.write(netOut);
        }
        netOut.clear();
    }

    private static boolean remaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Best effort: sends what the engine has to say after a failed handshake (its alert). */
    private void sendAlert() {
        try {
            engine.closeOutbound();
            netOut.clear();
            engine.wrap(NOTHING, netOut);
            flushNetOut();
        } catch (IOException | RuntimeException e) {
            // the connection is closed next anyway
        }
    }

    /** Sends close_notify (best effort, bounded by the socket), as NBD_CMD_DISC asks of a server. */
    void closeNotify() {
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone() && net.isOpen()) {
                netOut.clear();
                engine.wrap(NOTHING, netOut);
                flushNetOut();
            }
        } catch (IOException | RuntimeException e) {
            // the socket is closed next anyway
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return net.isOpen();
    }

    @Override
    public void close() throws IOException {
        net.close();
    }
}
