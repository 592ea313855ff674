package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.Protocol.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jlvm.pool.io.FileBlockDevice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of transmission request headers (and a few handshake byte strings): every request the server can
 * stay in step with gets exactly one reply with a valid error value; only the stream-breaking ones (bad magic, a
 * WRITE above the maximum payload) close the connection; the server keeps serving and a read-only export is never
 * changed. Bounded in count and time. {@code -Dnbd.fuzz.seed=N} replays a run.
 */
class NbdFuzzTest {
    private static final int SIZE = 1 << 20;
    private static final int REQUESTS = 3000;
    private static final long MAX_MILLIS = 15_000;
    private static final Set<Integer> ERRORS = Set.of(0, EPERM, EIO, ENOMEM, EINVAL, ENOSPC, EOVERFLOW, ENOTSUP,
            ESHUTDOWN);

    @TempDir
    Path dir;

    @Test
    void randomRequestHeaders() throws Exception {
        fuzz(REQUESTS, MAX_MILLIS);
    }

    @Test
    @Tag("stress")
    void manyRandomRequestHeaders() throws Exception {
        fuzz(200_000, 120_000);
    }

    private void fuzz(int requests, long maxMillis) throws Exception {
        long seed = Long.getLong("nbd.fuzz.seed", System.nanoTime());
        System.out.println("NbdFuzzTest seed=" + seed);
        Random rnd = new Random(seed);
        byte[] canary = NbdProtocolTest.pattern(seed, SIZE);
        try (FileBlockDevice rw = FileBlockDevice.create(dir.resolve("rw.img"), SIZE);
             FileBlockDevice roFile = FileBlockDevice.create(dir.resolve("ro.img"), SIZE)) {
            roFile.write(0, canary);
            roFile.flush();
            NbdServerConfig cfg = NbdServerConfig.defaults().withWorkerThreads(4);
            try (NbdServer server = new NbdServer(ExportRegistry.of(List.of(Export.of("rw", rw, false),
                    Export.of("ro", roFile, true))), cfg)) {
                Path sock = server.listenUnix(dir.resolve("s"));
                NbdTestClient c = null;
                int closes = 0;
                long t0 = System.currentTimeMillis();
                int i = 0;
                for (; i < requests && System.currentTimeMillis() - t0 < maxMillis; i++) {
                    if (c == null) {
                        c = NbdTestClient.connect(sock);
                        c.open(rnd.nextBoolean() ? "rw" : "ro", false, false);
                    }
                    int magic = rnd.nextInt(50) == 0 ? rnd.nextInt() : REQUEST_MAGIC;
                    int type = rnd.nextInt(10) == 0 ? rnd.nextInt(1 << 16) : rnd.nextInt(8);
                    if (type == CMD_DISC && rnd.nextInt(4) != 0) {
                        type = CMD_READ;
                    }
                    int flags = rnd.nextInt(4) == 0 ? rnd.nextInt(1 << 16) : rnd.nextInt(2) * CMD_FLAG_FUA;
                    if (type == CMD_DISC) {
                        flags = 0; // a valid DISC ends the connection; bad flags are fuzzed on the other commands
                    }
                    long offset = switch (rnd.nextInt(4)) {
                        case 0 -> rnd.nextLong();
                        case 1 -> SIZE - rnd.nextInt(4096);
                        default -> rnd.nextInt(SIZE);
                    };
                    long length = switch (rnd.nextInt(5)) {
                        case 0 -> Integer.toUnsignedLong(rnd.nextInt());
                        case 1 -> 0;
                        default -> rnd.nextInt(65536);
                    };
                    boolean fatal = magic != REQUEST_MAGIC || type == CMD_WRITE && length > cfg.maxPayload();
                    byte[] payload = type == CMD_WRITE && !fatal ? new byte[(int) length] : null;
                    if (payload != null) {
                        rnd.nextBytes(payload);
                    }
                    ByteBuffer b = ByteBuffer.allocate(28 + (payload == null ? 0 : payload.length));
                    b.putInt(magic).putShort((short) flags).putShort((short) type).putLong(i).putLong(offset)
                            .putInt((int) length);
                    if (payload != null) {
                        b.put(payload);
                    }
                    c.send(b.flip());
                    boolean disc = type == CMD_DISC && magic == REQUEST_MAGIC;
                    if (fatal || disc) {
                        assertTrue(c.closedWithin(5000), "request " + i + " should close the connection");
                        c.close();
                        c = null;
                        closes++;
                        continue;
                    }
                    NbdTestClient.Simple s;
                    try {
                        s = c.simpleReply();
                    } catch (IOException e) {
                        fail("request " + i + " (type " + type + " flags " + flags + " offset " + offset + " length "
                                + length + ") got no reply: " + e.getMessage() + " (seed " + seed + ")");
                        return;
                    }
                    assertEquals(i, s.cookie());
                    assertTrue(ERRORS.contains(s.error()), "error value " + s.error());
                    if (type == CMD_READ && s.error() == 0) {
                        c.read((int) length);
                    }
                }
                if (c != null) {
                    c.close();
                }
                System.out.println("NbdFuzzTest requests=" + i + " closes=" + closes);
                try (NbdTestClient check = NbdTestClient.connect(sock)) {
                    check.open("ro", false, false);
                    assertArrayEquals(canary, check.readSimple(0, SIZE), "read-only export changed (seed " + seed + ")");
                }
            }
        }
    }
}
