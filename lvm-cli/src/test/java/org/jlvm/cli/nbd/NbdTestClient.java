package org.jlvm.cli.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Our own NBD client for protocol tests: raw bytes in and out, every read with a deadline (non-blocking channel and
 * a selector), so a misbehaving server fails a test instead of hanging it. Over TCP it can upgrade to TLS
 * ({@link #startTls}): from then on the channel is blocking under an {@link SSLSocket} with a read timeout.
 */
final class NbdTestClient implements AutoCloseable {
    static final long TIMEOUT_MS = 10_000;

    record OptionReply(int option, int type, byte[] data) {
        ByteBuffer buf() {
            return ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        }
    }

    record Chunk(int flags, int type, long cookie, byte[] payload) {
        ByteBuffer buf() {
            return ByteBuffer.wrap(payload).order(ByteOrder.BIG_ENDIAN);
        }

        int errorCode() {
            return buf().getInt();
        }
    }

    record Simple(int error, long cookie) {
    }

    /** Export size and transmission flags as GO (or EXPORT_NAME) reported them. */
    record Opened(long size, int flags) {
    }

    private final SocketChannel ch;
    private final Selector selector;
    private SSLSocket tls;

    private NbdTestClient(SocketChannel ch) throws IOException {
        this.ch = ch;
        ch.configureBlocking(false);
        this.selector = Selector.open();
    }

    static NbdTestClient connect(Path socket) throws IOException {
        return connect(UnixDomainSocketAddress.of(socket));
    }

    static NbdTestClient connect(SocketAddress address) throws IOException {
        return new NbdTestClient(SocketChannel.open(address));
    }

    // ------------------------------------------------------------------ raw I/O

    void send(ByteBuffer b) throws IOException {
        if (tls != null) {
            tls.getOutputStream().write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            tls.getOutputStream().flush();
            b.position(b.limit());
            return;
        }
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
        try {
            while (b.hasRemaining()) {
                if (ch.write(b) == 0) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IOException("write timed out");
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }
        } finally {
            key.cancel();
            selector.selectNow();
        }
    }

    void send(byte[] bytes) throws IOException {
        send(ByteBuffer.wrap(bytes));
    }

    ByteBuffer read(int n) throws IOException {
        return read(n, TIMEOUT_MS);
    }

    ByteBuffer read(int n, long timeoutMs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.BIG_ENDIAN);
        if (tls != null) {
            tls.setSoTimeout((int) timeoutMs);
            int got = tls.getInputStream().readNBytes(b.array(), 0, n);
            if (got < n) {
                throw new EOFException("server closed the TLS connection after " + got + " of " + n);
            }
            return b;
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
        try {
            while (b.hasRemaining()) {
                int r = ch.read(b);
                if (r < 0) {
                    throw new EOFException("server closed the connection after " + b.position() + " of " + n);
                }
                if (r == 0) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IOException("read timed out after " + b.position() + " of " + n + " bytes");
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }
        } finally {
            key.cancel();
            selector.selectNow();
        }
        return b.flip();
    }

    /** True when the server closes the connection (EOF or reset) within {@code timeoutMs}; unread data is skipped. */
    boolean closedWithin(long timeoutMs) throws IOException {
        if (tls != null) {
            return tlsClosedWithin(timeoutMs);
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
        try {
            while (true) {
                sink.clear();
                int r;
                try {
                    r = ch.read(sink);
                } catch (IOException e) {
                    return true; // reset
                }
                if (r < 0) {
                    return true;
                }
                if (r == 0) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        return false;
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }
        } finally {
            key.cancel();
            selector.selectNow();
        }
    }

    private boolean tlsClosedWithin(long timeoutMs) throws IOException {
        tls.setSoTimeout((int) timeoutMs);
        InputStream in = tls.getInputStream();
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // skip what the server still sends
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset, or a TLS alert
        }
    }

    /**
     * Sends NBD_OPT_STARTTLS, expects NBD_REP_ACK and runs the TLS handshake (TCP connections only). The reply is
     * returned instead when it is not an ACK.
     */
    OptionReply startTls(SSLContext context) throws IOException {
        option(Protocol.OPT_STARTTLS, new byte[0]);
        OptionReply r = optionReply();
        if (r.type() != Protocol.REP_ACK) {
            return r;
        }
        InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
        ch.configureBlocking(true);
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(ch.socket(),
                remote.getHostString(), remote.getPort(), true);
        s.setUseClientMode(true);
        s.setSoTimeout((int) TIMEOUT_MS);
        s.startHandshake();
        tls = s;
        return r;
    }

    /** The plain socket under TLS, to send bytes that bypass it. */
    SocketChannel rawChannel() {
        return ch;
    }

    // ------------------------------------------------------------------ handshake

    /** Reads the greeting, returns the handshake flags. */
    int greeting() throws IOException {
        ByteBuffer g = read(18);
        if (g.getLong() != Protocol.NBDMAGIC || g.getLong() != Protocol.IHAVEOPT) {
            throw new IOException("bad greeting");
        }
        return Short.toUnsignedInt(g.getShort());
    }

    void clientFlags(int flags) throws IOException {
        send(ByteBuffer.allocate(4).putInt(flags).flip());
    }

    void option(int option, byte[] data) throws IOException {
        send(ByteBuffer.allocate(16 + data.length).putLong(Protocol.IHAVEOPT).putInt(option).putInt(data.length)
                .put(data).flip());
    }

    OptionReply optionReply() throws IOException {
        ByteBuffer h = read(20);
        if (h.getLong() != Protocol.OPTION_REPLY_MAGIC) {
            throw new IOException("bad option reply magic");
        }
        int option = h.getInt();
        int type = h.getInt();
        int len = h.getInt();
        byte[] data = new byte[len];
        read(len).get(data);
        return new OptionReply(option, type, data);
    }

    /** Replies to one option up to and including the final one (ACK or an error). */
    List<OptionReply> optionReplies() throws IOException {
        List<OptionReply> all = new ArrayList<>();
        while (true) {
            OptionReply r = optionReply();
            all.add(r);
            if (r.type() == Protocol.REP_ACK || r.type() < 0) {
                return all;
            }
        }
    }

    static byte[] goData(String name, int... infos) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + n.length + 2 + 2 * infos.length);
        b.putInt(n.length).put(n).putShort((short) infos.length);
        for (int i : infos) {
            b.putShort((short) i);
        }
        return b.array();
    }

    static byte[] metaData(String name, String... queries) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int len = 8 + n.length;
        for (String q : queries) {
            len += 4 + q.getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer b = ByteBuffer.allocate(len);
        b.putInt(n.length).put(n).putInt(queries.length);
        for (String q : queries) {
            byte[] qb = q.getBytes(StandardCharsets.UTF_8);
            b.putInt(qb.length).put(qb);
        }
        return b.array();
    }

    /** The whole fixed newstyle handshake up to a successful GO. */
    Opened open(String export, boolean structured, boolean allocationContext) throws IOException {
        greeting();
        clientFlags(Protocol.CLIENT_FIXED_NEWSTYLE | Protocol.CLIENT_NO_ZEROES);
        if (structured) {
            option(Protocol.OPT_STRUCTURED_REPLY, new byte[0]);
            expectAck(optionReplies());
        }
        if (allocationContext) {
            option(Protocol.OPT_SET_META_CONTEXT, metaData(export, Protocol.BASE_ALLOCATION));
            expectAck(optionReplies());
        }
        option(Protocol.OPT_GO, goData(export, Protocol.INFO_BLOCK_SIZE));
        List<OptionReply> replies = optionReplies();
        expectAck(replies);
        for (OptionReply r : replies) {
            ByteBuffer b = r.buf();
            if (r.type() == Protocol.REP_INFO && b.getShort() == Protocol.INFO_EXPORT) {
                return new Opened(b.getLong(), Short.toUnsignedInt(b.getShort()));
            }
        }
        throw new IOException("GO succeeded without NBD_INFO_EXPORT");
    }

    private static void expectAck(List<OptionReply> replies) throws IOException {
        OptionReply last = replies.get(replies.size() - 1);
        if (last.type() != Protocol.REP_ACK) {
            throw new IOException("option " + last.option() + " failed: type 0x" + Integer.toHexString(last.type())
                    + " " + new String(last.data(), StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------ transmission

    void request(int flags, int type, long cookie, long offset, long length, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(28 + (payload == null ? 0 : payload.length));
        b.putInt(Protocol.REQUEST_MAGIC).putShort((short) flags).putShort((short) type).putLong(cookie)
                .putLong(offset).putInt((int) length);
        if (payload != null) {
            b.put(payload);
        }
        send(b.flip());
    }

    Simple simpleReply() throws IOException {
        ByteBuffer h = read(16);
        int magic = h.getInt();
        if (magic != Protocol.SIMPLE_REPLY_MAGIC) {
            throw new IOException("expected a simple reply, got magic 0x" + Integer.toHexString(magic));
        }
        return new Simple(h.getInt(), h.getLong());
    }

    Chunk chunk() throws IOException {
        ByteBuffer h = read(20);
        int magic = h.getInt();
        if (magic != Protocol.STRUCTURED_REPLY_MAGIC) {
            throw new IOException("expected a structured chunk, got magic 0x" + Integer.toHexString(magic));
        }
        int flags = Short.toUnsignedInt(h.getShort());
        int type = Short.toUnsignedInt(h.getShort());
        long cookie = h.getLong();
        int len = h.getInt();
        byte[] p = new byte[len];
        read(len).get(p);
        return new Chunk(flags, type, cookie, p);
    }

    /** The chunks of one structured reply (assumes no other reply interleaves). */
    List<Chunk> structuredReply() throws IOException {
        List<Chunk> all = new ArrayList<>();
        while (true) {
            Chunk c = chunk();
            all.add(c);
            if ((c.flags() & Protocol.REPLY_FLAG_DONE) != 0) {
                return all;
            }
        }
    }

    /** A simple-reply READ: the data, or an IOException naming the error. */
    byte[] readSimple(long offset, int length) throws IOException {
        request(0, Protocol.CMD_READ, 7, offset, length, null);
        Simple s = simpleReply();
        if (s.error() != 0) {
            throw new IOException("READ failed with error " + s.error());
        }
        byte[] d = new byte[length];
        read(length).get(d);
        return d;
    }

    /** A command without payload in either direction, simple replies: returns the error value. */
    int command(int flags, int type, long offset, long length) throws IOException {
        request(flags, type, 9, offset, length, null);
        return simpleReply().error();
    }

    int write(int flags, long offset, byte[] data) throws IOException {
        request(flags, Protocol.CMD_WRITE, 8, offset, data.length, data);
        return simpleReply().error();
    }

    void disconnect() throws IOException {
        request(0, Protocol.CMD_DISC, 0, 0, 0, null);
    }

    @Override
    public void close() throws IOException {
        selector.close();
        if (tls != null) {
            tls.close();
        }
        ch.close();
    }
}
