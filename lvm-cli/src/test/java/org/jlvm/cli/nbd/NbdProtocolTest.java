package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.Protocol.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jlvm.cli.nbd.NbdTestClient.Chunk;
import org.jlvm.cli.nbd.NbdTestClient.OptionReply;
import org.jlvm.pool.io.FileBlockDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server against our own client: handshake, every command, and hostile clients. */
class NbdProtocolTest {
    static final int SIZE = 8 << 20;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private NbdServer server;
    private Path socket;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** [0, size/2) allocated, the rest a hole (the file is fresh, so it reads as zeroes there). */
    record HalfAllocated(long size) implements AllocationMap {
        @Override
        public Extent extentAt(long offset, long maxLength) {
            long half = size / 2;
            return offset < half ? new Extent(Math.min(maxLength, half - offset), true)
                    : new Extent(maxLength, false);
        }
    }

    private FileBlockDevice file(String name, boolean readOnly) throws IOException {
        FileBlockDevice d = FileBlockDevice.create(dir.resolve(name), SIZE);
        if (readOnly) {
            d.write(0, pattern(1, 4096));
            d.close();
            d = FileBlockDevice.open(dir.resolve(name), true);
        }
        open.add(d);
        return d;
    }

    private void start(NbdServerConfig config) throws IOException {
        List<Export> exports = List.of(
                Export.of("vg/rw", file("rw.img", false), false),
                Export.of("vg/ro", file("ro.img", true), true).withDescription("read-only"),
                Export.of("vg/sparse", file("sparse.img", false), false).withAllocation(new HalfAllocated(SIZE)),
                Export.of("vg/512", file("512.img", false), false).withMinBlockSize(512));
        server = new NbdServer(ExportRegistry.of(exports), config);
        open.add(server);
        socket = server.listenUnix(dir.resolve("nbd.sock"));
    }

    private void start() throws IOException {
        start(NbdServerConfig.defaults());
    }

    private NbdTestClient client() throws IOException {
        NbdTestClient c = NbdTestClient.connect(socket);
        open.add(c);
        return c;
    }

    static byte[] pattern(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ handshake

    @Test
    void optionHaggling() throws IOException {
        start();
        NbdTestClient c = client();
        assertEquals(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES, c.greeting());
        c.clientFlags(CLIENT_FIXED_NEWSTYLE | CLIENT_NO_ZEROES);

        c.option(OPT_LIST, new byte[0]);
        List<OptionReply> list = c.optionReplies();
        assertEquals(5, list.size());
        List<String> names = new ArrayList<>();
        for (OptionReply r : list.subList(0, 4)) {
            assertEquals(REP_SERVER, r.type());
            ByteBuffer b = r.buf();
            byte[] n = new byte[b.getInt()];
            b.get(n);
            names.add(new String(n, StandardCharsets.UTF_8));
        }
        assertEquals(List.of("vg/rw", "vg/ro", "vg/sparse", "vg/512"), names);

        c.option(OPT_INFO, NbdTestClient.goData("nope", INFO_BLOCK_SIZE));
        assertEquals(REP_ERR_UNKNOWN, c.optionReply().type());

        c.option(OPT_INFO, NbdTestClient.goData("vg/ro", INFO_BLOCK_SIZE, INFO_NAME, INFO_DESCRIPTION));
        List<OptionReply> info = c.optionReplies();
        assertEquals(REP_ACK, info.get(info.size() - 1).type());
        boolean sawExport = false;
        boolean sawSizes = false;
        boolean sawDescription = false;
        for (OptionReply r : info.subList(0, info.size() - 1)) {
            ByteBuffer b = r.buf();
            int kind = b.getShort();
            if (kind == INFO_EXPORT) {
                assertEquals(SIZE, b.getLong());
                int flags = b.getShort();
                assertTrue((flags & TF_READ_ONLY) != 0 && (flags & TF_CAN_MULTI_CONN) != 0, "flags " + flags);
                assertEquals(0, flags & (TF_SEND_TRIM | TF_SEND_WRITE_ZEROES | TF_SEND_FUA));
                sawExport = true;
            } else if (kind == INFO_BLOCK_SIZE) {
                assertEquals(1, b.getInt());
                assertEquals(4096, b.getInt());
                assertEquals(32 << 20, b.getInt());
                sawSizes = true;
            } else if (kind == INFO_DESCRIPTION) {
                assertEquals("read-only", StandardCharsets.UTF_8.decode(b).toString());
                sawDescription = true;
            }
        }
        assertTrue(sawExport && sawSizes && sawDescription);

        c.option(99, new byte[] {1, 2, 3});
        assertEquals(REP_ERR_UNSUP, c.optionReply().type());
        c.option(OPT_STARTTLS, new byte[0]);
        assertEquals(REP_ERR_UNSUP, c.optionReply().type(), "TLS is out of scope");
        c.option(OPT_SET_META_CONTEXT, NbdTestClient.metaData("vg/rw", BASE_ALLOCATION));
        assertEquals(REP_ERR_INVALID, c.optionReply().type(), "meta context before structured replies");
        c.option(OPT_GO, new byte[] {0, 0, 0, 50, 'x', 0, 0});
        assertEquals(REP_ERR_INVALID, c.optionReply().type(), "name length beyond the data");
        c.option(OPT_LIST, new byte[] {1});
        assertEquals(REP_ERR_INVALID, c.optionReply().type());

        c.option(OPT_STRUCTURED_REPLY, new byte[0]);
        assertEquals(REP_ACK, c.optionReply().type());
        c.option(OPT_STRUCTURED_REPLY, new byte[0]);
        assertEquals(REP_ERR_INVALID, c.optionReply().type());
        c.option(OPT_LIST_META_CONTEXT, NbdTestClient.metaData("vg/rw"));
        List<OptionReply> ctx = c.optionReplies();
        assertEquals(2, ctx.size());
        assertEquals(REP_META_CONTEXT, ctx.get(0).type());
        assertEquals(BASE_ALLOCATION, new String(ctx.get(0).data(), 4, ctx.get(0).data().length - 4,
                StandardCharsets.UTF_8));
        c.option(OPT_SET_META_CONTEXT, NbdTestClient.metaData("vg/rw", "qemu:dirty-bitmap:x", BASE_ALLOCATION));
        List<OptionReply> set = c.optionReplies();
        assertEquals(2, set.size(), "only base:allocation is selected");
        assertEquals(BASE_ALLOCATION_ID, set.get(0).buf().getInt());
        c.option(OPT_SET_META_CONTEXT, new byte[] {0, 0, 0, 5, 'v', 'g', '/', 'r', 'w', 0, 0, 0, 1, 0, 0, 0, 99});
        assertEquals(REP_ERR_INVALID, c.optionReply().type(), "query length beyond the data");

        c.option(OPT_ABORT, new byte[0]);
        assertEquals(REP_ACK, c.optionReply().type());
        assertTrue(c.closedWithin(5000));
    }

    @Test
    void exportNameWithAndWithoutZeroes() throws IOException {
        start();
        NbdTestClient a = client();
        a.greeting();
        a.clientFlags(CLIENT_FIXED_NEWSTYLE);
        a.option(OPT_EXPORT_NAME, "vg/rw".getBytes(StandardCharsets.UTF_8));
        ByteBuffer r = a.read(134);
        assertEquals(SIZE, r.getLong());
        assertTrue((r.getShort() & TF_SEND_FLUSH) != 0);
        while (r.hasRemaining()) {
            assertEquals(0, r.get());
        }
        assertArrayEquals(new byte[100], a.readSimple(0, 100));

        NbdTestClient b = client();
        b.greeting();
        b.clientFlags(CLIENT_FIXED_NEWSTYLE | CLIENT_NO_ZEROES);
        b.option(OPT_EXPORT_NAME, new byte[0]); // the default export: the first
        assertEquals(SIZE, b.read(10).getLong());
        assertEquals(0, b.write(0, 0, new byte[] {1}));

        NbdTestClient c = client();
        c.greeting();
        c.clientFlags(CLIENT_FIXED_NEWSTYLE);
        c.option(OPT_EXPORT_NAME, "missing".getBytes(StandardCharsets.UTF_8));
        assertTrue(c.closedWithin(5000), "an unknown EXPORT_NAME can only be answered by closing");
    }

    // ------------------------------------------------------------------ commands

    @Test
    void everyCommandWithSimpleReplies() throws IOException {
        start();
        NbdTestClient c = client();
        NbdTestClient.Opened o = c.open("vg/rw", false, false);
        assertEquals(SIZE, o.size());
        int expected = TF_HAS_FLAGS | TF_SEND_FLUSH | TF_SEND_FUA | TF_SEND_WRITE_ZEROES | TF_SEND_FAST_ZERO
                | TF_CAN_MULTI_CONN | TF_SEND_CACHE;
        assertEquals(expected, o.flags() & ~TF_SEND_TRIM);
        byte[] data = pattern(2, 100_000);
        assertEquals(0, c.write(0, 12345, data));
        assertEquals(0, c.write(CMD_FLAG_FUA, 200_000, data));
        assertArrayEquals(data, c.readSimple(12345, data.length));
        assertArrayEquals(data, c.readSimple(200_000, data.length));
        assertEquals(0, c.command(0, CMD_FLUSH, 0, 0));
        assertEquals(0, c.command(0, CMD_CACHE, 0, SIZE));
        assertEquals(0, c.command(CMD_FLAG_NO_HOLE, CMD_WRITE_ZEROES, 12345, 1000));
        assertEquals(0, c.command(0, CMD_WRITE_ZEROES, 200_000, 4096));
        byte[] after = c.readSimple(12345, data.length);
        assertArrayEquals(new byte[1000], java.util.Arrays.copyOf(after, 1000));
        assertEquals(data[1000], after[1000]);
        assertArrayEquals(new byte[4096], c.readSimple(200_000, 4096));
        if ((o.flags() & TF_SEND_TRIM) != 0) {
            assertEquals(0, c.command(CMD_FLAG_FUA, CMD_TRIM, 0, 1 << 20));
            assertArrayEquals(new byte[4096], c.readSimple(200_000 + 8192, 4096), "trim punches a hole here");
        }
        assertEquals(ENOTSUP, c.command(CMD_FLAG_NO_HOLE | CMD_FLAG_FAST_ZERO, CMD_WRITE_ZEROES, 0, 4096),
                "zeroes written as data are not fast");
        assertArrayEquals(new byte[0], c.readSimple(5, 0));
        c.disconnect();
        assertTrue(c.closedWithin(5000));
    }

    @Test
    void requestErrorsKeepTheConnection() throws IOException {
        start();
        NbdTestClient c = client();
        c.open("vg/rw", false, false);
        assertEquals(EINVAL, c.command(0, CMD_READ, SIZE - 10, 11), "read past the end");
        assertEquals(EINVAL, c.command(0, CMD_READ, -4096, 10), "offset 2^64-4096");
        assertEquals(ENOSPC, c.write(0, SIZE - 1, new byte[2]), "write past the end; its payload is skipped");
        assertEquals(EINVAL, c.command(0, 42, 0, 0), "unknown command");
        assertEquals(EINVAL, c.command(CMD_FLAG_NO_HOLE, CMD_READ, 0, 10), "NO_HOLE is not a READ flag");
        assertEquals(EINVAL, c.command(CMD_FLAG_DF, CMD_READ, 0, 10), "DF without structured replies");
        assertEquals(EINVAL, c.command(1 << 9, CMD_FLUSH, 0, 0), "unknown flag");
        assertEquals(EINVAL, c.command(0, CMD_FLUSH, 0, 1), "FLUSH with a length");
        assertEquals(EINVAL, c.command(0, CMD_BLOCK_STATUS, 0, 4096), "no meta context selected");
        assertEquals(EINVAL, c.command(0, CMD_READ, 0, (32 << 20) + 1), "read above the maximum payload");
        assertEquals(ENOSPC, c.command(0, CMD_WRITE_ZEROES, SIZE, 1), "zeroes past the end");
        byte[] d = pattern(3, 777);
        assertEquals(0, c.write(0, 5, d), "the stream is still in step");
        assertArrayEquals(d, c.readSimple(5, d.length));

        NbdTestClient ro = client();
        ro.open("vg/ro", false, false);
        assertEquals(EPERM, ro.write(0, 0, new byte[4096]), "write on a read-only export");
        assertEquals(EPERM, ro.command(0, CMD_WRITE_ZEROES, 0, 4096));
        assertEquals(EPERM, ro.command(0, CMD_TRIM, 0, 4096));
        assertArrayEquals(pattern(1, 4096), ro.readSimple(0, 4096), "read-only data untouched, stream in step");

        NbdTestClient al = client();
        al.open("vg/512", false, false);
        assertEquals(EINVAL, al.command(0, CMD_READ, 100, 512), "misaligned offset");
        assertEquals(EINVAL, al.write(0, 512, new byte[100]), "misaligned length");
        assertEquals(0, al.write(0, 512, new byte[512]));
    }

    @Test
    void structuredReadsHolesAndBlockStatus() throws IOException {
        start();
        NbdTestClient c = client();
        NbdTestClient.Opened o = c.open("vg/sparse", true, true);
        assertTrue((o.flags() & TF_SEND_DF) != 0);
        byte[] d = pattern(4, 8192);
        assertEquals(0, writeStructured(c, SIZE / 2 - 4096, d));

        // A read across the boundary: one data chunk, one hole chunk, the last one DONE.
        c.request(0, CMD_READ, 77, SIZE / 2 - 4096, 65536, null);
        List<Chunk> chunks = c.structuredReply();
        assertEquals(2, chunks.size());
        Chunk data = chunks.get(0);
        assertEquals(REPLY_TYPE_OFFSET_DATA, data.type());
        assertEquals(77, data.cookie());
        ByteBuffer db = data.buf();
        assertEquals(SIZE / 2 - 4096, db.getLong());
        byte[] got = new byte[db.remaining()];
        db.get(got);
        assertArrayEquals(java.util.Arrays.copyOf(d, 4096), got);
        Chunk hole = chunks.get(1);
        assertEquals(REPLY_TYPE_OFFSET_HOLE, hole.type());
        assertEquals(REPLY_FLAG_DONE, hole.flags());
        ByteBuffer hb = hole.buf();
        assertEquals(SIZE / 2, hb.getLong());
        assertEquals(65536 - 4096, hb.getInt());

        // DF: one data chunk with the zeroes in it.
        c.request(CMD_FLAG_DF, CMD_READ, 78, SIZE / 2 - 4096, 65536, null);
        List<Chunk> df = c.structuredReply();
        assertEquals(1, df.size());
        assertEquals(8 + 65536, df.get(0).payload().length);

        // Block status: data then hole+zero; REQ_ONE gives one descriptor.
        c.request(0, CMD_BLOCK_STATUS, 79, 0, SIZE, null);
        List<Chunk> bs = c.structuredReply();
        assertEquals(1, bs.size());
        ByteBuffer b = bs.get(0).buf();
        assertEquals(REPLY_TYPE_BLOCK_STATUS, bs.get(0).type());
        assertEquals(BASE_ALLOCATION_ID, b.getInt());
        assertEquals(SIZE / 2, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(SIZE / 2, b.getInt());
        assertEquals(STATE_HOLE | STATE_ZERO, b.getInt());
        assertFalse(b.hasRemaining());
        c.request(CMD_FLAG_REQ_ONE, CMD_BLOCK_STATUS, 80, SIZE / 2 - 512, 4096, null);
        ByteBuffer one = c.structuredReply().get(0).buf();
        assertEquals(4 + 8, one.remaining());
        one.getInt();
        assertEquals(512, one.getInt());

        // Errors as error chunks with a message.
        c.request(0, CMD_READ, 81, SIZE, 1, null);
        Chunk err = c.structuredReply().get(0);
        assertEquals(REPLY_TYPE_ERROR, err.type());
        assertEquals(EINVAL, err.errorCode());
        assertTrue(new String(err.payload(), 6, err.payload().length - 6, StandardCharsets.UTF_8)
                .contains("outside the export"));
    }

    private static int writeStructured(NbdTestClient c, long offset, byte[] data) throws IOException {
        c.request(0, CMD_WRITE, 1, offset, data.length, data);
        Chunk ch = c.chunk();
        return ch.type() == REPLY_TYPE_NONE ? 0 : ch.errorCode();
    }

    @Test
    void pipelinedRequestsAreAllAnsweredOnce() throws IOException {
        start();
        NbdTestClient c = client();
        c.open("vg/rw", false, false);
        int n = 200;
        for (int i = 0; i < n; i++) {
            c.request(0, CMD_WRITE, 1000 + i, i * 4096L, 4096, pattern(i, 4096));
        }
        Set<Long> cookies = new HashSet<>();
        for (int i = 0; i < n; i++) {
            NbdTestClient.Simple s = c.simpleReply();
            assertEquals(0, s.error());
            assertTrue(cookies.add(s.cookie()), "cookie answered twice: " + s.cookie());
        }
        assertEquals(n, cookies.size());
        for (int i = 0; i < n; i += 37) {
            assertArrayEquals(pattern(i, 4096), c.readSimple(i * 4096L, 4096));
        }
    }

    // ------------------------------------------------------------------ hostile clients

    @Test
    void streamBreakingRequestsCloseOnlyThatConnection() throws IOException {
        start();
        NbdTestClient bystander = client();
        bystander.open("vg/rw", false, false);

        NbdTestClient badMagic = client();
        badMagic.open("vg/rw", false, false);
        badMagic.send(new byte[28]);
        assertTrue(badMagic.closedWithin(5000));

        NbdTestClient hugeWrite = client();
        hugeWrite.open("vg/rw", false, false);
        hugeWrite.request(0, CMD_WRITE, 1, 0, 0xFFFF_FFF0L, null);
        assertTrue(hugeWrite.closedWithin(5000));

        NbdTestClient garbage = client();
        garbage.greeting();
        garbage.send(pattern(5, 64));
        assertTrue(garbage.closedWithin(5000), "unknown client flags or a bad option magic");

        NbdTestClient bigOption = client();
        bigOption.greeting();
        bigOption.clientFlags(CLIENT_FIXED_NEWSTYLE);
        bigOption.send(ByteBuffer.allocate(16).putLong(IHAVEOPT).putInt(OPT_GO).putInt(1 << 30).flip());
        assertTrue(bigOption.closedWithin(5000));

        byte[] d = pattern(6, 4096);
        assertEquals(0, bystander.write(0, 0, d));
        assertArrayEquals(d, bystander.readSimple(0, 4096));
    }

    @Test
    void truncatedWriteIsNeverApplied() throws IOException, InterruptedException {
        start();
        NbdTestClient c = client();
        c.open("vg/rw", false, false);
        ByteBuffer b = ByteBuffer.allocate(28 + 1000);
        b.putInt(REQUEST_MAGIC).putShort((short) 0).putShort((short) CMD_WRITE).putLong(1).putLong(0).putInt(1 << 20);
        b.put(pattern(7, 1000));
        c.send(b.flip());
        // In-flight reads too, then vanish.
        for (int i = 0; i < 8; i++) {
            c.request(0, CMD_READ, 10 + i, 0, 1 << 20, null);
        }
        c.close();
        NbdTestClient after = client();
        after.open("vg/rw", false, false);
        assertArrayEquals(new byte[1000], after.readSimple(0, 1000));
        waitFor(() -> server.activeConnections() == 1, "the abandoned connection is cleaned up");
    }

    @Test
    void handshakeTimeoutClosesSilentClients() throws IOException, InterruptedException {
        start(NbdServerConfig.defaults().withHandshakeTimeout(Duration.ofMillis(300)));
        NbdTestClient silent = client();
        silent.greeting();
        NbdTestClient halfOption = client();
        halfOption.greeting();
        halfOption.clientFlags(CLIENT_FIXED_NEWSTYLE);
        halfOption.send(new byte[] {0x49, 0x48});
        long t0 = System.nanoTime();
        NbdTestClient ok = client();
        ok.open("vg/rw", false, false);
        assertTrue(silent.closedWithin(5000));
        assertTrue(halfOption.closedWithin(5000));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 4000);
        Thread.sleep(400); // past the timeout: a client in transmission is not affected
        assertArrayEquals(new byte[10], ok.readSimple(0, 10));
    }

    @Test
    void connectionCapRefusesExtraConnectionsAndRecovers() throws IOException, InterruptedException {
        start(NbdServerConfig.defaults().withMaxConnections(4));
        List<NbdTestClient> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NbdTestClient c = client();
            c.open("vg/rw", false, false);
            four.add(c);
        }
        NbdTestClient fifth = client();
        assertTrue(fifth.closedWithin(5000), "over the cap");
        four.get(0).disconnect();
        assertTrue(four.get(0).closedWithin(5000));
        waitFor(() -> server.activeConnections() == 3, "a slot is free again");
        NbdTestClient again = client();
        again.open("vg/rw", false, false);
        assertArrayEquals(new byte[16], again.readSimple(0, 16));
    }

    @Test
    void thousandsOfConnectionsDoNotHurtTheServer() throws IOException, InterruptedException {
        start(NbdServerConfig.defaults().withMaxConnections(64).withHandshakeTimeout(Duration.ofSeconds(2)));
        List<java.nio.channels.SocketChannel> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                flood.add(java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket)));
                if (i % 2 == 0) {
                    flood.remove(flood.size() - 1).close();
                }
            }
        } finally {
            for (java.nio.channels.SocketChannel s : flood) {
                s.close();
            }
        }
        waitFor(() -> server.activeConnections() == 0, "every flooding connection is gone");
        NbdTestClient c = client();
        c.open("vg/rw", false, false);
        assertEquals(0, c.write(0, 0, new byte[] {9}));
    }

    @Test
    void aClientThatDoesNotReadStallsOnlyItself() throws IOException, InterruptedException {
        start(NbdServerConfig.defaults().withWorkerThreads(2).withInflight(32 << 20, 64));
        NbdTestClient slow = client();
        slow.open("vg/rw", false, false);
        for (int i = 0; i < 64; i++) {
            slow.request(0, CMD_READ, i, 0, 4 << 20, null); // 256 MiB of replies nobody reads
        }
        NbdTestClient other = client();
        other.open("vg/sparse", false, false);
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertEquals(0, other.write(0, i * 4096L, pattern(i, 4096)));
            assertArrayEquals(pattern(i, 4096), other.readSimple(i * 4096L, 4096));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 8000, "other client took " + ms + " ms");
        // The slow client still gets every reply, in full, when it reads.
        for (int i = 0; i < 64; i++) {
            NbdTestClient.Simple s = slow.simpleReply();
            assertEquals(0, s.error());
            slow.read(4 << 20);
        }
    }

    @Test
    void disconnectAnswersInFlightRequestsFirst() throws IOException {
        start();
        NbdTestClient c = client();
        c.open("vg/rw", false, false);
        byte[] d = pattern(8, 1 << 20);
        c.request(0, CMD_WRITE, 5, 0, d.length, d);
        c.disconnect();
        assertEquals(0, c.simpleReply().error());
        assertTrue(c.closedWithin(5000));
        NbdTestClient check = client();
        check.open("vg/rw", false, false);
        assertArrayEquals(d, check.readSimple(0, d.length));
    }

    // ------------------------------------------------------------------ transports

    @Test
    void unixSocketIsOwnerOnlyAndStaleSocketsAreReplaced() throws IOException {
        start();
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(socket));
        IOException busy = assertThrows(IOException.class, () -> server.listenUnix(socket));
        assertTrue(busy.getMessage().contains("in use"), busy.getMessage());
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "x");
        IOException notSocket = assertThrows(IOException.class, () -> server.listenUnix(plain));
        assertTrue(notSocket.getMessage().contains("not a socket"), notSocket.getMessage());
        // A stale socket (its server gone) is replaced.
        Path stale = dir.resolve("stale.sock");
        try (NbdServer other = new NbdServer(ExportRegistry.of(List.of()), NbdServerConfig.defaults())) {
            other.listenUnix(stale);
        }
        java.nio.channels.ServerSocketChannel leftover =
                java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        leftover.bind(java.net.UnixDomainSocketAddress.of(stale));
        leftover.close(); // leaves the socket file behind
        assertTrue(Files.exists(stale));
        assertEquals(stale, server.listenUnix(stale));
        try (NbdTestClient c = NbdTestClient.connect(stale)) {
            c.open("vg/rw", false, false);
        }
    }

    @Test
    void tcpOnLoopback() throws IOException {
        start();
        InetSocketAddress a = server.listenTcp("127.0.0.1", 0);
        assertTrue(a.getAddress().isLoopbackAddress());
        try (NbdTestClient c = NbdTestClient.connect(a)) {
            c.open("vg/rw", true, false);
            c.request(0, CMD_READ, 3, 0, 512, null);
            List<Chunk> r = c.structuredReply();
            assertEquals(1, r.size());
            assertEquals(REPLY_TYPE_OFFSET_DATA, r.get(0).type());
        }
    }

    static void waitFor(java.util.function.BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
