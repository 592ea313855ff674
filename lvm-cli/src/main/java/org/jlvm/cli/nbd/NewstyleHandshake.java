package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.Protocol.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.security.cert.X509Certificate;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixed newstyle handshake, server side: greeting, client flags, then option haggling until
 * {@code NBD_OPT_GO} / {@code NBD_OPT_EXPORT_NAME} enter transmission, or {@code NBD_OPT_ABORT} ends the session.
 * Options: EXPORT_NAME, ABORT, LIST, INFO, GO, STRUCTURED_REPLY, LIST_META_CONTEXT, SET_META_CONTEXT
 * ({@code base:allocation}), STARTTLS (when the listener's {@link TlsMode} is not OFF); anything else gets
 * {@code NBD_REP_ERR_UNSUP}. Oldstyle is not offered. With TLS required, every option but STARTTLS and ABORT is
 * refused with {@code NBD_REP_ERR_TLS_REQD} until TLS is up (EXPORT_NAME, which cannot be refused, disconnects).
 * STARTTLS forgets what was negotiated in plain text. Exports a client may not open (the TLS allow-list, on TCP)
 * are neither listed nor found. Bounded: option data above {@link #MAX_OPTION_BYTES} or more than
 * {@link #MAX_OPTIONS} options disconnect.
 */
final class NewstyleHandshake {
    static final int MAX_OPTION_BYTES = 64 * 1024;
    static final int MAX_OPTIONS = 4096;
    private static final int MAX_QUERIES = 128;

    private final SocketChannel socket;
    private final ExportRegistry exports;
    private final int maxPayload;
    private final NbdTls tls;
    private final TlsMode tlsMode;
    private final boolean applyAllowList;
    private ByteChannel ch;
    private TlsChannel tlsChannel;
    private Optional<X509Certificate> client = Optional.empty();
    private boolean structured;
    private boolean noZeroes;
    /** The export name base:allocation was last selected for, or null. */
    private String metaExport;

    /**
     * @param tlsMode        the listener's resolved mode (not AUTO)
     * @param applyAllowList the connection came over TCP: the TLS allow-list decides which exports it sees
     */
    NewstyleHandshake(SocketChannel socket, ExportRegistry exports, int maxPayload, NbdTls tls, TlsMode tlsMode,
                      boolean applyAllowList) {
        this.socket = socket;
        this.ch = socket;
        this.exports = exports;
        this.maxPayload = maxPayload;
        this.tls = tls;
        this.tlsMode = tlsMode;
        this.applyAllowList = applyAllowList;
    }

    /** The channel to go on with after {@link #run}: the socket, or TLS over it. */
    ByteChannel channel() {
        return ch;
    }

    /** The TLS layer, once STARTTLS succeeded. */
    Optional<TlsChannel> tls() {
        return Optional.ofNullable(tlsChannel);
    }

    /** Runs the handshake; the session to serve, or empty when the client aborted. */
    Optional<Session> run() throws IOException {
        ByteBuffer hello = Wire.allocate(18);
        hello.putLong(NBDMAGIC).putLong(IHAVEOPT).putShort((short) (FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES)).flip();
        Wire.writeFully(ch, hello);
        int clientFlags = Wire.read(ch, 4).getInt();
        if ((clientFlags & ~CLIENT_KNOWN_FLAGS) != 0) {
            throw new ProtocolViolation("unknown client flags 0x" + Integer.toHexString(clientFlags));
        }
        noZeroes = (clientFlags & CLIENT_NO_ZEROES) != 0;
        for (int n = 0; n < MAX_OPTIONS; n++) {
            ByteBuffer head = Wire.read(ch, 16);
            long magic = head.getLong();
            if (magic != IHAVEOPT) {
                throw new ProtocolViolation("bad option magic 0x" + Long.toHexString(magic));
            }
            int option = head.getInt();
            long length = Integer.toUnsignedLong(head.getInt());
            if (length > MAX_OPTION_BYTES) {
                throw new ProtocolViolation("option " + option + " has " + length + " bytes of data (limit "
                        + MAX_OPTION_BYTES + ")");
            }
            ByteBuffer data = Wire.read(ch, (int) length);
            Optional<Session> done = handle(option, data);
            if (done != null) {
                return done;
            }
        }
        throw new ProtocolViolation("more than " + MAX_OPTIONS + " options");
    }

    /** Handles one option: null to continue haggling, a session to enter transmission, empty to end. */
    private Optional<Session> handle(int option, ByteBuffer data) throws IOException {
        if (tlsMode == TlsMode.REQUIRE && tlsChannel == null && option != OPT_STARTTLS && option != OPT_ABORT) {
            if (option == OPT_EXPORT_NAME) {
                throw new ProtocolViolation("NBD_OPT_EXPORT_NAME before STARTTLS: TLS is required");
            }
            return error(option, REP_ERR_TLS_REQD, "TLS is required: send NBD_OPT_STARTTLS first");
        }
        switch (option) {
            case OPT_EXPORT_NAME -> {
                String name = string(data, data.remaining());
                if (name == null) {
                    throw new ProtocolViolation("NBD_OPT_EXPORT_NAME: the name is not valid UTF-8");
                }
                Export e = find(name)
                        .orElseThrow(() -> new ProtocolViolation("NBD_OPT_EXPORT_NAME: no export '" + name + "'"));
                Session s = session(e);
                ByteBuffer reply = Wire.allocate(noZeroes ? 10 : 134);
                reply.putLong(e.device().size()).putShort((short) s.transmissionFlags());
                reply.position(reply.limit()).flip();
                Wire.writeFully(ch, reply);
                return Optional.of(s);
            }
            case OPT_ABORT -> {
                reply(option, REP_ACK, new byte[0]);
                return Optional.empty();
            }
            case OPT_LIST -> {
                if (data.hasRemaining()) {
                    return error(option, REP_ERR_INVALID, "NBD_OPT_LIST takes no data");
                }
                for (Export e : exports.list()) {
                    if (!mayOpen(e)) {
                        continue;
                    }
                    byte[] name = utf8(e.name());
                    byte[] desc = utf8(e.description());
                    ByteBuffer b = Wire.allocate(4 + name.length + desc.length);
                    b.putInt(name.length).put(name).put(desc);
                    reply(option, REP_SERVER, b.array());
                }
                reply(option, REP_ACK, new byte[0]);
                return null;
            }
            case OPT_INFO, OPT_GO -> {
                return infoOrGo(option, data);
            }
            case OPT_STRUCTURED_REPLY -> {
                if (data.hasRemaining()) {
                    return error(option, REP_ERR_INVALID, "NBD_OPT_STRUCTURED_REPLY takes no data");
                }
                if (structured) {
                    return error(option, REP_ERR_INVALID, "structured replies are already negotiated");
                }
                structured = true;
                reply(option, REP_ACK, new byte[0]);
                return null;
            }
            case OPT_LIST_META_CONTEXT, OPT_SET_META_CONTEXT -> {
                return metaContext(option, data);
            }
            case OPT_STARTTLS -> {
                return startTls(data);
            }
            default -> {
                return error(option, REP_ERR_UNSUP, "option " + option + " is not supported");
            }
        }
    }

    private Optional<Session> startTls(ByteBuffer data) throws IOException {
        if (tlsMode == TlsMode.OFF) {
            return tls.available() ? error(OPT_STARTTLS, REP_ERR_POLICY, "TLS is off on this listener")
                    : error(OPT_STARTTLS, REP_ERR_UNSUP, "TLS is not configured on this server");
        }
        if (data.hasRemaining()) {
            return error(OPT_STARTTLS, REP_ERR_INVALID, "NBD_OPT_STARTTLS takes no data");
        }
        if (tlsChannel != null) {
            return error(OPT_STARTTLS, REP_ERR_INVALID, "TLS is already negotiated");
        }
        reply(OPT_STARTTLS, REP_ACK, new byte[0]);
        TlsChannel t = new TlsChannel(socket, tls.newEngine());
        t.handshake(); // fails with an SSLException: the connection ends, it is too late for plain text
        tlsChannel = t;
        ch = t;
        client = t.peerCertificate();
        structured = false; // what was negotiated in plain text does not carry over
        metaExport = null;
        return null;
    }

    private boolean mayOpen(Export e) {
        return !applyAllowList || tls.allowList().mayOpen(client, e.name());
    }

    /** The export called {@code name} if this client may open it: others are as absent as unknown names. */
    private Optional<Export> find(String name) {
        return exports.find(name).filter(this::mayOpen);
    }

    private Optional<Session> infoOrGo(int option, ByteBuffer data) throws IOException {
        if (data.remaining() < 6) {
            return error(option, REP_ERR_INVALID, "option data too short");
        }
        long nameLen = Integer.toUnsignedLong(data.getInt());
        if (nameLen > data.remaining() - 2) {
            return error(option, REP_ERR_INVALID, "export name length " + nameLen + " exceeds the option data");
        }
        String name = string(data, (int) nameLen);
        int requests = Short.toUnsignedInt(data.getShort());
        if (data.remaining() != requests * 2) {
            return error(option, REP_ERR_INVALID, "information request count " + requests
                    + " does not match the option data");
        }
        if (name == null) {
            return error(option, REP_ERR_INVALID, "export name is not valid UTF-8");
        }
        boolean wantName = false;
        boolean wantDescription = false;
        for (int i = 0; i < requests; i++) {
            int info = Short.toUnsignedInt(data.getShort());
            wantName |= info == INFO_NAME;
            wantDescription |= info == INFO_DESCRIPTION;
        }
        Optional<Export> found = find(name);
        if (found.isEmpty()) {
            return error(option, REP_ERR_UNKNOWN, "no export '" + name + "'");
        }
        Export e = found.get();
        Session s = session(e);
        ByteBuffer info = Wire.allocate(12);
        info.putShort((short) INFO_EXPORT).putLong(e.device().size()).putShort((short) s.transmissionFlags());
        reply(option, REP_INFO, info.array());
        ByteBuffer sizes = Wire.allocate(14);
        sizes.putShort((short) INFO_BLOCK_SIZE).putInt(e.minBlockSize()).putInt(Math.max(4096, e.minBlockSize()))
                .putInt(maxPayload);
        reply(option, REP_INFO, sizes.array());
        if (wantName) {
            reply(option, REP_INFO, tagged(INFO_NAME, e.name()));
        }
        if (wantDescription && !e.description().isEmpty()) {
            reply(option, REP_INFO, tagged(INFO_DESCRIPTION, e.description()));
        }
        reply(option, REP_ACK, new byte[0]);
        return option == OPT_GO ? Optional.of(s) : null;
    }

    private Optional<Session> metaContext(int option, ByteBuffer data) throws IOException {
        boolean set = option == OPT_SET_META_CONTEXT;
        if (set) {
            metaExport = null; // a SET replaces the selection, even when it fails
        }
        if (!structured) {
            return error(option, REP_ERR_INVALID, "negotiate structured replies first");
        }
        if (data.remaining() < 8) {
            return error(option, REP_ERR_INVALID, "option data too short");
        }
        long nameLen = Integer.toUnsignedLong(data.getInt());
        if (nameLen > data.remaining() - 4) {
            return error(option, REP_ERR_INVALID, "export name length exceeds the option data");
        }
        String name = string(data, (int) nameLen);
        long count = Integer.toUnsignedLong(data.getInt());
        if (count > MAX_QUERIES) {
            return error(option, REP_ERR_TOO_BIG, count + " queries (limit " + MAX_QUERIES + ")");
        }
        List<String> queries = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            if (data.remaining() < 4) {
                return error(option, REP_ERR_INVALID, "query " + i + " exceeds the option data");
            }
            long len = Integer.toUnsignedLong(data.getInt());
            if (len > data.remaining()) {
                return error(option, REP_ERR_INVALID, "query " + i + " exceeds the option data");
            }
            String q = string(data, (int) len);
            if (q == null || !q.contains(":")) {
                return error(option, REP_ERR_INVALID, "query " + i + " is not 'namespace:leaf'");
            }
            queries.add(q);
        }
        if (data.hasRemaining()) {
            return error(option, REP_ERR_INVALID, "trailing bytes after the queries");
        }
        if (name == null || find(name).isEmpty()) {
            return error(option, REP_ERR_UNKNOWN, "no export '" + name + "'");
        }
        boolean match = set ? queries.contains(BASE_ALLOCATION)
                : queries.isEmpty() || queries.contains(BASE_ALLOCATION) || queries.contains("base:");
        if (match) {
            byte[] ctx = utf8(BASE_ALLOCATION);
            ByteBuffer b = Wire.allocate(4 + ctx.length);
            b.putInt(set ? BASE_ALLOCATION_ID : 0).put(ctx);
            reply(option, REP_META_CONTEXT, b.array());
            if (set) {
                metaExport = name;
            }
        }
        reply(option, REP_ACK, new byte[0]);
        return null;
    }

    private Session session(Export e) {
        boolean blockStatus = structured && metaExport != null && find(metaExport).orElse(null) == e;
        return new Session(e, structured, blockStatus, Session.flagsFor(e, structured));
    }

    private Optional<Session> error(int option, int type, String message) throws IOException {
        reply(option, type, utf8(message));
        return null;
    }

    private void reply(int option, int type, byte[] payload) throws IOException {
        ByteBuffer b = Wire.allocate(20 + payload.length);
        b.putLong(OPTION_REPLY_MAGIC).putInt(option).putInt(type).putInt(payload.length).put(payload).flip();
        Wire.writeFully(ch, b);
    }

    private static byte[] tagged(int info, String text) {
        byte[] t = utf8(text);
        return Wire.allocate(2 + t.length).putShort((short) info).put(t).array();
    }

    private static byte[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length > Export.MAX_NAME_BYTES ? java.util.Arrays.copyOf(b, Export.MAX_NAME_BYTES) : b;
    }

    /** Decodes {@code len} bytes as strict UTF-8; null when they are not valid UTF-8. */
    private static String string(ByteBuffer data, int len) {
        ByteBuffer slice = data.slice().limit(len);
        data.position(data.position() + len);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
