package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.NbdProtocolTest.pattern;
import static org.jlvm.cli.nbd.Protocol.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.io.ForwardingBlockDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code NBD_FLAG_CAN_MULTI_CONN}: a FLUSH on one connection makes durable every write whose reply any connection has
 * received. The export's device keeps writes volatile until its flush, so what a crash would keep is visible.
 */
class NbdMultiConnTest {
    static final int SIZE = 4 << 20;
    static final int CONNECTIONS = 4;
    static final int WRITES_PER_CONNECTION = 16;
    static final int WRITE = 8192;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Writes reach the inner device at once but count as durable only after a flush: a crash image is kept. */
    static final class VolatileUntilFlush extends ForwardingBlockDevice {
        private final byte[] durable;
        private final List<Object[]> pending = new ArrayList<>();

        VolatileUntilFlush(BlockDevice inner) {
            super(inner);
            this.durable = new byte[(int) inner.size()];
        }

        @Override
        public void write(long offset, ByteBuffer src) throws IOException {
            byte[] copy = new byte[src.remaining()];
            src.duplicate().get(copy);
            super.write(offset, src);
            synchronized (this) {
                pending.add(new Object[] {offset, copy});
            }
        }

        @Override
        public void flush() throws IOException {
            List<Object[]> now;
            synchronized (this) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            super.flush();
            synchronized (this) {
                for (Object[] w : now) {
                    byte[] b = (byte[]) w[1];
                    System.arraycopy(b, 0, durable, (int) (long) (Long) w[0], b.length);
                }
            }
        }

        synchronized byte[] durable(int offset, int length) {
            return java.util.Arrays.copyOfRange(durable, offset, offset + length);
        }
    }

    @Test
    void aFlushOnOneConnectionCoversWritesCompletedOnAll() throws Exception {
        FileBlockDevice file = FileBlockDevice.create(dir.resolve("d.img"), SIZE);
        open.add(file);
        VolatileUntilFlush dev = new VolatileUntilFlush(file);
        NbdServer server = new NbdServer(ExportRegistry.of(List.of(Export.of("vg/lv", dev, false))),
                NbdServerConfig.defaults());
        open.add(server);
        Path socket = server.listenUnix(dir.resolve("nbd.sock"));
        List<NbdTestClient> writers = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            NbdTestClient w = NbdTestClient.connect(socket);
            open.add(w);
            NbdTestClient.Opened o = w.open("vg/lv", false, false);
            assertTrue((o.flags() & TF_CAN_MULTI_CONN) != 0, "CAN_MULTI_CONN advertised");
            writers.add(w);
        }
        // Every connection pipelines its writes (the server runs them in parallel), then reads all the replies.
        for (int c = 0; c < CONNECTIONS; c++) {
            for (int i = 0; i < WRITES_PER_CONNECTION; i++) {
                writers.get(c).request(0, CMD_WRITE, i, offset(c, i), WRITE, pattern(seed(c, i), WRITE));
            }
        }
        for (NbdTestClient w : writers) {
            for (int i = 0; i < WRITES_PER_CONNECTION; i++) {
                assertEquals(0, w.simpleReply().error());
            }
        }
        NbdTestClient flusher = NbdTestClient.connect(socket);
        open.add(flusher);
        flusher.open("vg/lv", false, false);
        assertEquals(0, flusher.command(0, CMD_FLUSH, 0, 0));
        for (int c = 0; c < CONNECTIONS; c++) {
            for (int i = 0; i < WRITES_PER_CONNECTION; i++) {
                assertArrayEquals(pattern(seed(c, i), WRITE), dev.durable((int) offset(c, i), WRITE),
                        "connection " + c + " write " + i + " is durable after another connection's flush");
            }
        }
        // And the other way round: a write on the flusher, a flush on a writer.
        byte[] late = pattern(99, WRITE);
        assertEquals(0, flusher.write(0, SIZE - WRITE, late));
        assertEquals(0, writers.get(2).command(0, CMD_FLUSH, 0, 0));
        assertArrayEquals(late, dev.durable(SIZE - WRITE, WRITE));
    }

    private static long offset(int connection, int i) {
        return ((long) connection * WRITES_PER_CONNECTION + i) * WRITE;
    }

    private static long seed(int connection, int i) {
        return 1000L * connection + i;
    }
}
