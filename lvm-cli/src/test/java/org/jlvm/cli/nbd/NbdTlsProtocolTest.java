package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.NbdProtocolTest.pattern;
import static org.jlvm.cli.nbd.NbdProtocolTest.waitFor;
import static org.jlvm.cli.nbd.Protocol.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jlvm.cli.nbd.NbdTestClient.OptionReply;
import org.jlvm.pool.io.FileBlockDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS as the NBD protocol says, and hostile TLS clients, against our own client. */
class NbdTlsProtocolTest {
    static final int SIZE = 4 << 20;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private TestPki pki;
    private SSLContext client1;
    private NbdServer server;
    private InetSocketAddress address;

    @BeforeEach
    void pki() throws Exception {
        pki = TestPki.create(dir.resolve("pki"));
        client1 = pki.clientContext(pki.client("client1", true));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private void start(TlsMode mode, NbdServerConfig config) throws IOException {
        FileBlockDevice a = FileBlockDevice.create(dir.resolve("a.img"), SIZE);
        open.add(a);
        FileBlockDevice b = FileBlockDevice.create(dir.resolve("b.img"), SIZE);
        open.add(b);
        NbdTls tls = NbdTls.load(mode, pki.serverCert(), pki.serverKey(), pki.caCert(), ClientAllowList.everyone());
        server = new NbdServer(ExportRegistry.of(List.of(Export.of("vg/a", a, false), Export.of("vg/b", b, false))),
                config.withTls(tls));
        open.add(server);
        address = server.listenTcp("127.0.0.1", 0);
    }

    private NbdTestClient client() throws IOException {
        NbdTestClient c = NbdTestClient.connect(address);
        open.add(c);
        return c;
    }

    private NbdTestClient greeted() throws IOException {
        NbdTestClient c = client();
        c.greeting();
        c.clientFlags(CLIENT_FIXED_NEWSTYLE | CLIENT_NO_ZEROES);
        return c;
    }

    private static OptionReply only(List<OptionReply> replies) {
        assertEquals(1, replies.size(), "replies");
        return replies.get(0);
    }

    @Test
    void requiredTlsRefusesEveryOptionButStartTlsAndAbort() throws Exception {
        start(TlsMode.REQUIRE, NbdServerConfig.defaults());
        NbdTestClient c = greeted();
        for (int option : new int[] {OPT_LIST, OPT_GO, OPT_INFO, OPT_STRUCTURED_REPLY, OPT_LIST_META_CONTEXT, 99}) {
            c.option(option, option == OPT_GO || option == OPT_INFO ? NbdTestClient.goData("vg/a") : new byte[0]);
            OptionReply r = only(c.optionReplies());
            assertEquals(REP_ERR_TLS_REQD, r.type(), "option " + option);
        }
        c.option(OPT_STARTTLS, new byte[] {1});
        assertEquals(REP_ERR_INVALID, only(c.optionReplies()).type(), "STARTTLS with data");
        c.option(OPT_ABORT, new byte[0]);
        assertEquals(REP_ACK, only(c.optionReplies()).type());

        NbdTestClient exportName = greeted();
        exportName.option(OPT_EXPORT_NAME, "vg/a".getBytes());
        assertTrue(exportName.closedWithin(5000), "EXPORT_NAME cannot be refused: the session ends");

        NbdTestClient t = greeted();
        assertEquals(REP_ACK, t.startTls(client1).type());
        t.option(OPT_STARTTLS, new byte[0]);
        assertEquals(REP_ERR_INVALID, only(t.optionReplies()).type(), "STARTTLS twice");
        t.option(OPT_LIST, new byte[0]);
        List<OptionReply> list = t.optionReplies();
        assertEquals(3, list.size(), "two exports and the ACK");
        t.option(OPT_GO, NbdTestClient.goData("vg/b"));
        assertEquals(REP_ACK, t.optionReplies().get(2).type());
        byte[] d = pattern(31, 256 * 1024);
        assertEquals(0, t.write(CMD_FLAG_FUA, 4096, d));
        assertArrayEquals(d, t.readSimple(4096, d.length));
        assertEquals(0, t.command(0, CMD_FLUSH, 0, 0));
        t.disconnect();
        assertTrue(t.closedWithin(5000), "DISC over TLS: close_notify, then the socket");
        waitFor(() -> server.activeConnections() == 0, "every connection ended");
    }

    @Test
    void startTlsWithoutTlsAndPlainTextStateNotCarriedOver() throws Exception {
        NbdServer plain = new NbdServer(ExportRegistry.of(List.of()), NbdServerConfig.defaults());
        open.add(plain);
        NbdTestClient none = NbdTestClient.connect(plain.listenTcp("127.0.0.1", 0));
        open.add(none);
        none.greeting();
        none.clientFlags(CLIENT_FIXED_NEWSTYLE);
        assertEquals(REP_ERR_UNSUP, none.startTls(client1).type(), "no certificate: STARTTLS unsupported");

        start(TlsMode.OFF, NbdServerConfig.defaults());
        assertEquals(REP_ERR_POLICY, greeted().startTls(client1).type(), "tls=off: refused by policy");
        tearDown();
        open.clear();

        start(TlsMode.ON, NbdServerConfig.defaults());
        NbdTestClient c = greeted();
        c.option(OPT_STRUCTURED_REPLY, new byte[0]);
        assertEquals(REP_ACK, only(c.optionReplies()).type(), "plain text is allowed with tls=on");
        assertEquals(REP_ACK, c.startTls(client1).type());
        c.option(OPT_GO, NbdTestClient.goData("vg/a"));
        ByteBuffer info = c.optionReplies().get(0).buf();
        assertEquals(INFO_EXPORT, info.getShort());
        info.getLong();
        assertEquals(0, info.getShort() & TF_SEND_DF, "structured replies negotiated before TLS are forgotten");
        assertArrayEquals(new byte[512], c.readSimple(0, 512), "simple replies, as after a fresh start");
    }

    @Test
    void hostileTlsClientsNeverHurtOtherConnections() throws Exception {
        start(TlsMode.REQUIRE, NbdServerConfig.defaults().withHandshakeTimeout(Duration.ofMillis(800)));
        NbdTestClient good = greeted();
        good.startTls(client1);
        good.option(OPT_GO, NbdTestClient.goData("vg/a"));
        assertEquals(REP_ACK, good.optionReplies().get(2).type());

        NbdTestClient garbage = greeted();
        garbage.option(OPT_STARTTLS, new byte[0]);
        assertEquals(REP_ACK, garbage.optionReply().type());
        garbage.send(pattern(32, 4096));
        assertTrue(garbage.closedWithin(5000), "garbage instead of a ClientHello");

        NbdTestClient hugeRecord = greeted();
        hugeRecord.option(OPT_STARTTLS, new byte[0]);
        hugeRecord.optionReply();
        hugeRecord.send(new byte[] {0x16, 0x03, 0x03, (byte) 0xff, (byte) 0xff, 1, 0, 0});
        assertTrue(hugeRecord.closedWithin(5000), "a handshake record longer than TLS allows");

        NbdTestClient abort = greeted();
        abort.option(OPT_STARTTLS, new byte[0]);
        abort.optionReply();
        abort.send(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00});
        abort.close(); // a ClientHello cut short, then gone

        NbdTestClient silent = greeted();
        silent.option(OPT_STARTTLS, new byte[0]);
        silent.optionReply();
        assertTrue(silent.closedWithin(5000), "no ClientHello: the handshake timeout ends it");

        NbdTestClient untrusted = greeted();
        assertThrows(IOException.class, () -> untrusted.startTls(SSLContext.getDefault()),
                "a client that does not trust the server's certificate aborts the handshake");

        NbdTestClient injected = greeted();
        injected.startTls(client1);
        injected.option(OPT_GO, NbdTestClient.goData("vg/b"));
        assertEquals(REP_ACK, injected.optionReplies().get(2).type());
        injected.rawChannel().write(ByteBuffer.wrap(pattern(33, 1024))); // plain bytes inside the TLS stream
        assertTrue(injected.closedWithin(5000), "bytes that are not TLS records end the connection");

        NbdTestClient truncated = greeted();
        truncated.startTls(client1);
        truncated.option(OPT_GO, NbdTestClient.goData("vg/b"));
        truncated.optionReplies();
        truncated.request(0, CMD_WRITE, 1, 0, 1 << 20, null); // a write header, then vanish mid-payload
        truncated.send(pattern(34, 1000));
        truncated.rawChannel().close();

        byte[] d = pattern(35, 64 * 1024);
        assertEquals(0, good.write(0, 0, d));
        assertArrayEquals(d, good.readSimple(0, d.length));
        waitFor(() -> server.activeConnections() == 1, "only the good connection is left");
        NbdTestClient after = greeted();
        after.startTls(client1);
        after.option(OPT_GO, NbdTestClient.goData("vg/b"));
        assertEquals(REP_ACK, after.optionReplies().get(2).type());
        assertArrayEquals(new byte[1000], after.readSimple(0, 1000), "the truncated write was never applied");
    }

    @Test
    void wrongClientCertificateFailsTheHandshake() throws Exception {
        NbdServer s = new NbdServer(ExportRegistry.of(List.of()), NbdServerConfig.defaults().withTls(
                NbdTls.load(TlsMode.REQUIRE, pki.serverCert(), pki.serverKey(), null,
                        ClientAllowList.parse(List.of("sha256:" + "00".repeat(32))))));
        open.add(s);
        NbdTestClient c = NbdTestClient.connect(s.listenTcp("127.0.0.1", 0));
        open.add(c);
        c.greeting();
        c.clientFlags(CLIENT_FIXED_NEWSTYLE);
        IOException e = assertThrows(IOException.class, () -> {
            c.startTls(client1);
            c.option(OPT_LIST, new byte[0]); // TLS 1.3: the server's verdict arrives after the client's Finished
            c.optionReply();
        });
        assertTrue(e instanceof SSLException || e.getMessage() != null, e.toString());
        waitFor(() -> s.activeConnections() == 0, "the refused connection ended");
    }
}
