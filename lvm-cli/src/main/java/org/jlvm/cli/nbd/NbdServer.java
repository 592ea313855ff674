package org.jlvm.cli.nbd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An NBD server (fixed newstyle handshake, TLS through {@code NBD_OPT_STARTTLS} as {@link NbdTls} says) over the devices of an {@link ExportRegistry}, listening on unix
 * sockets and/or TCP. Each connection has a reader thread and a reply-writer thread; requests run on a shared pool of
 * worker threads. Connections beyond {@link NbdServerConfig#maxConnections()} are closed as soon as they are
 * accepted. The server never closes the exported devices. Thread-safe.
 */
public final class NbdServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NbdServer.class.getName());
    private static final long ACCEPT_BACKOFF_MILLIS = 50;
    /** Payload buffers kept for reuse, all connections together. */
    private static final long IDLE_BUFFER_BYTES = 64L << 20;

    private final ExportRegistry exports;
    private final NbdServerConfig config;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final BufferPool buffers;
    private final List<ServerSocketChannel> listeners = new CopyOnWriteArrayList<>();
    private final List<Path> socketFiles = new CopyOnWriteArrayList<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile boolean closed;

    public NbdServer(ExportRegistry exports, NbdServerConfig config) {
        this.exports = exports;
        this.config = config;
        AtomicInteger workerIds = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "nbd-worker-" + workerIds.incrementAndGet()));
        this.workers.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "nbd-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.buffers = new BufferPool(config.maxPayload(), IDLE_BUFFER_BYTES);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Listens on a unix socket at {@code path}, readable and writable by the owner only. The socket is made in a
     * private directory and renamed into place, so it is never reachable with wider permissions. An existing socket
     * file nobody listens on is replaced; anything else at {@code path} is an error.
     */
    public Path listenUnix(Path path) throws IOException {
        TlsMode tlsMode = config.tls().modeFor(null);
        Path target = path.toAbsolutePath();
        removeStaleSocket(target);
        Path dir = Files.createTempDirectory(target.getParent(), ".nbd-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = dir.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(tmp));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Files.deleteIfExists(dir);
        }
        socketFiles.add(target);
        start(server, "unix:" + target, tlsMode, false);
        return target;
    }

    private static void removeStaleSocket(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isOther()) {
            throw new IOException(target + " exists and is not a socket");
        }
        boolean live;
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(target))) {
            live = true;
        } catch (IOException e) {
            live = false;
        }
        if (live) {
            throw new IOException(target + " is in use by another server");
        }
        Files.deleteIfExists(target); // nobody listens: a stale socket
    }

    /**
     * Listens on TCP {@code host:port} (port 0: any free port); returns the bound address. TLS as the configured
     * mode says for that address: with mode AUTO, required beyond loopback (an {@link IOException} without a
     * certificate).
     */
    public InetSocketAddress listenTcp(String host, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + host);
        }
        TlsMode tlsMode = config.tls().modeFor(address.getAddress());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 128);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
        start(server, "tcp:" + bound, tlsMode, true);
        return bound;
    }

    private void start(ServerSocketChannel server, String name, TlsMode tlsMode, boolean tcp) throws IOException {
        if (closed) {
            server.close();
            throw new ClosedChannelException();
        }
        listeners.add(server);
        Thread t = daemon(() -> acceptLoop(server, tlsMode, tcp), "nbd-accept " + name);
        t.start();
    }

    private void acceptLoop(ServerSocketChannel server, TlsMode tlsMode, boolean tcp) {
        while (!closed && server.isOpen()) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // e.g. out of file descriptors: back off and keep serving the connections we have
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage());
                sleepQuietly(ACCEPT_BACKOFF_MILLIS);
                continue;
            }
            admit(ch, tlsMode, tcp);
        }
    }

    private void admit(SocketChannel ch, TlsMode tlsMode, boolean tcp) {
        if (closed || active.incrementAndGet() > config.maxConnections()) {
            active.decrementAndGet();
            closeQuietly(ch);
            LOG.log(System.Logger.Level.DEBUG, "connection refused: limit of " + config.maxConnections() + " reached");
            return;
        }
        String peer = "nbd#" + ids.incrementAndGet();
        try {
            SocketAddress remote = ch.getRemoteAddress();
            if (remote instanceof InetSocketAddress inet) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                peer += " " + inet;
            }
        } catch (IOException e) {
            active.decrementAndGet();
            closeQuietly(ch);
            return;
        }
        Connection[] self = new Connection[1];
        Connection c = new Connection(ch, peer, exports, config, workers, timer, buffers, tlsMode, tcp, () -> {
            connections.remove(self[0]);
            active.decrementAndGet();
        });
        self[0] = c;
        connections.add(c);
        try {
            daemon(c, "nbd-reader " + peer).start();
        } catch (OutOfMemoryError e) { // no thread to be had: refuse this one, keep the others
            connections.remove(c);
            active.decrementAndGet();
            closeQuietly(ch);
        }
    }

    /** Connections open now (handshaking or transmitting). */
    public int activeConnections() {
        return active.get();
    }

    /** Blocks until {@link #close()} has been called. */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    /** Stops listening, closes every connection (in-flight requests are answered or dropped), removes socket files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServerSocketChannel s : listeners) {
            closeQuietly(s);
        }
        for (Connection c : connections) {
            c.close();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "requests still running after 10 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        for (Path p : socketFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not remove " + p + ": " + e.getMessage());
            }
        }
        closedLatch.countDown();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "close failed: " + e.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
