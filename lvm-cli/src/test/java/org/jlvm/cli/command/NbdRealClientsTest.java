package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NBD server (through {@code nbd_serve}) against real clients: nbdinfo, nbdcopy (libnbd-bin), qemu-img and
 * qemu-io (qemu-utils), fio's nbd engine. Exports: a 64 MiB file {@code vg/lv} and a 256 MiB thin volume
 * {@code pool/thin} of a pool created on files.
 */
class NbdRealClientsTest {
    static final long FILE_SIZE = 64L << 20;
    static final long THIN_SIZE = 256L << 20;

    @TempDir
    Path dir;

    private ServedExports serve(String... extra) throws IOException, InterruptedException {
        Path file = dir.resolve("lv.img");
        if (!Files.exists(file)) {
            try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.allocate(1), FILE_SIZE - 1);
            }
        }
        List<String> args = NbdClients.args("--file", file.toString(), "--name", "vg/lv",
                "--thin-pool", dir.resolve("meta.img") + "," + dir.resolve("data.img"),
                "--thin-size", Long.toString(THIN_SIZE), "--thin-name", "pool/thin");
        args.addAll(List.of(extra));
        return new ServedExports(dir.resolve("nbd.sock"), args.toArray(new String[0]));
    }

    private static Path randomFile(Path p, long seed, long size) throws IOException {
        System.out.println("NbdRealClientsTest data seed=" + seed);
        Random r = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long done = 0; done < size; done += buf.length) {
                r.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, size - done));
            }
        }
        return p;
    }

    private static byte[] sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    /** nbdinfo --map lines as {start, length, type}. */
    private static List<long[]> map(String out) {
        Matcher m = Pattern.compile("(?m)^\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s").matcher(out);
        List<long[]> all = new java.util.ArrayList<>();
        while (m.find()) {
            all.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return all;
    }

    @Test
    void nbdServeRejectsIncompleteCommandLinesInOneLine() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(new NbdServeCommand());
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("nbd_serve: " + ex.getMessage());
            return 5;
        });
        assertEquals(5, cl.execute("--socket", dir.resolve("s").toString()));
        assertTrue(err.toString().startsWith("nbd_serve: give --file PATH and/or --thin-pool META,DATA"),
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(5, cl.execute("--file", dir.resolve("missing.img").toString(), "--socket",
                dir.resolve("s").toString()));
        assertTrue(err.toString().contains("missing.img"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(5, cl.execute("--file", dir.resolve("missing.img").toString()));
        assertTrue(err.toString().contains("give --socket PATH and/or --port N"), err.toString());
    }

    @Test
    void nbdinfoListsExportsAndMapsAnUnwrittenThinVolumeAsOneHole() throws Exception {
        try (ServedExports s = serve()) {
            String list = NbdClients.ok(dir, 30, "nbdinfo", "--list", s.uri("")).out();
            assertTrue(list.contains("export=\"vg/lv\"") && list.contains("export=\"pool/thin\""), list);
            String info = NbdClients.ok(dir, 30, "nbdinfo", s.uri("vg/lv")).out();
            assertTrue(info.contains("export-size: " + FILE_SIZE), info);
            assertTrue(info.contains("can_multi_conn: true") && info.contains("can_fua: true"), info);
            assertTrue(info.contains("block_size_maximum: 33554432"), info);
            String map = NbdClients.ok(dir, 30, "nbdinfo", "--map", s.uri("pool/thin")).out();
            List<long[]> extents = map(map);
            assertEquals(1, extents.size(), map);
            assertArrayEquals(new long[] {0, THIN_SIZE, 3}, extents.get(0), map);
            assertTrue(map.contains("hole,zero"), map);
        }
    }

    @Test
    void nbdcopyInAndOutKeepsEveryByte() throws Exception {
        long size = 128L << 20;
        Path src = randomFile(dir.resolve("src.bin"), 11, size);
        Path back = dir.resolve("back.bin");
        try (ServedExports s = serve()) {
            NbdClients.ok(dir, 120, "nbdcopy", src.toString(), s.uri("pool/thin"));
            NbdClients.ok(dir, 120, "nbdcopy", "--flush", s.uri("pool/thin"), back.toString());
            String map = NbdClients.ok(dir, 30, "nbdinfo", "--map", s.uri("pool/thin")).out();
            List<long[]> extents = map(map);
            assertArrayEquals(new long[] {0, size, 0}, extents.get(0), map);
            assertArrayEquals(new long[] {size, THIN_SIZE - size, 3}, extents.get(extents.size() - 1), map);
        }
        assertEquals(THIN_SIZE, Files.size(back));
        try (var ch = java.nio.channels.FileChannel.open(back, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size); // the rest is the unwritten tail of the volume
        }
        assertArrayEquals(sha256(src), sha256(back), "nbdcopy out differs from what nbdcopy put in");
        // The pool survives a restart with the data.
        Path again = dir.resolve("again.bin");
        try (ServedExports s = serve()) {
            NbdClients.ok(dir, 120, "nbdcopy", s.uri("pool/thin"), again.toString());
        }
        try (var ch = java.nio.channels.FileChannel.open(again, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
        assertArrayEquals(sha256(src), sha256(again), "data after reopening the pool");
    }

    @Test
    void qemuImgConvertCompareInfoMap() throws Exception {
        Path src = randomFile(dir.resolve("src.raw"), 12, 32L << 20);
        try (ServedExports s = serve()) {
            String info = NbdClients.ok(dir, 30, "qemu-img", "info", s.uri("pool/thin")).out();
            assertTrue(info.contains("virtual size: 256 MiB"), info);
            NbdClients.ok(dir, 60, "qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", src.toString(),
                    s.uri("pool/thin"));
            NbdClients.ok(dir, 60, "qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", src.toString(),
                    s.uri("vg/lv"));
            // compare checks that the rest of the (bigger) target is zero, unless --strict size matters
            String cmp = NbdClients.ok(dir, 60, "qemu-img", "compare", "-f", "raw", "-F", "raw", src.toString(),
                    s.uri("pool/thin")).out();
            assertTrue(cmp.contains("Images are identical"), cmp);
            NbdClients.ok(dir, 60, "qemu-img", "compare", "-f", "raw", "-F", "raw", s.uri("vg/lv"),
                    s.uri("pool/thin"));
            String map = NbdClients.ok(dir, 30, "qemu-img", "map", "--output=json", "-f", "raw",
                    s.uri("pool/thin")).out();
            assertTrue(map.contains("\"start\": 0, \"length\": 33554432, \"depth\": 0, \"present\": true, "
                    + "\"zero\": false, \"data\": true"), map);
            assertTrue(map.contains("\"start\": 33554432, \"length\": 234881024, \"depth\": 0, \"present\": true, "
                    + "\"zero\": true, \"data\": false"), map);
            // A difference is found.
            NbdClients.ok(dir, 30, "qemu-io", "-f", "raw", "-c", "write -P 0x11 4096 512", s.uri("vg/lv"));
            NbdClients.Result diff = NbdClients.run(dir, 60, "qemu-img", "compare", "-f", "raw", "-F", "raw",
                    src.toString(), s.uri("vg/lv"));
            assertEquals(1, diff.code(), diff.all());
            assertTrue(diff.out().contains("Content mismatch at offset 4096"), diff.all());
        }
    }

    @Test
    void qemuIoReadsWritesDiscardsAndZeroes() throws Exception {
        try (ServedExports s = serve()) {
            for (String export : List.of("vg/lv", "pool/thin")) {
                String out = NbdClients.ok(dir, 60, "qemu-io", "-f", "raw",
                        "-c", "write -P 0x5a 0 1M",
                        "-c", "read -P 0x5a 0 1M",
                        "-c", "write -f -P 0x07 2M 4k",
                        "-c", "read -P 0x07 2M 4k",
                        "-c", "write -z 64k 64k",
                        "-c", "read -P 0 64k 64k",
                        "-c", "read -P 0x5a 0 64k",
                        "-c", "write -z -u 256k 256k",
                        "-c", "read -P 0 256k 256k",
                        "-c", "discard 512k 512k",
                        "-c", "aio_write -P 0x33 8M 64k",
                        "-c", "aio_flush",
                        "-c", "read -P 0x33 8M 64k",
                        "-c", "flush",
                        s.uri(export)).out();
                assertFalse(out.contains("Pattern verification failed"), out);
                assertFalse(out.contains("failed"), out);
                assertTrue(out.contains("discard 524288/524288 bytes at offset 524288"), out);
            }
        }
    }

    @Test
    void readOnlyExportRefusesWrites() throws Exception {
        try (ServedExports s = serve()) {
            NbdClients.ok(dir, 30, "qemu-io", "-f", "raw", "-c", "write -P 0x44 0 4k", s.uri("vg/lv"));
        }
        try (ServedExports s = serve("--read-only")) {
            String info = NbdClients.ok(dir, 30, "nbdinfo", s.uri("vg/lv")).out();
            assertTrue(info.contains("is_read_only: true"), info);
            String read = NbdClients.ok(dir, 30, "qemu-io", "-r", "-f", "raw", "-c", "read -P 0x44 0 4k",
                    s.uri("vg/lv")).out();
            assertFalse(read.contains("failed"), read);
            NbdClients.Result w = NbdClients.run(dir, 30, "qemu-io", "-f", "raw", "-c", "write -P 1 0 4k",
                    s.uri("vg/lv"));
            assertTrue(w.code() != 0 || w.all().contains("failed"), w.all());
            assertTrue(w.all().contains("read-only") || w.all().contains("not permitted")
                    || w.all().contains("Permission denied"), w.all());
        }
    }

    private static String[] fio(Path dir, String uri, String name, String rw, String bs, int qd, int jobs,
                                String sizePerJob) {
        return new String[] {"fio", "--name=" + name, "--ioengine=nbd", "--uri=" + uri, "--rw=" + rw, "--bs=" + bs,
                "--iodepth=" + qd, "--numjobs=" + jobs, "--size=" + sizePerJob, "--offset_increment=" + sizePerJob,
                "--verify=crc32c", "--verify_fatal=1", "--verify_state_save=0", "--group_reporting",
                "--directory=" + dir};
    }

    @Test
    void fioVerifiesAtQueueDepthOneAndSixteenOverSeveralConnections() throws Exception {
        try (ServedExports s = serve()) {
            for (String export : List.of("vg/lv", "pool/thin")) {
                String qd1 = NbdClients.ok(dir, 120, fio(dir, s.uri(export), "qd1", "randwrite", "4k", 1, 1, "8M"))
                        .out();
                assertTrue(qd1.contains("err= 0"), qd1);
                String qd16 = NbdClients.ok(dir, 120, fio(dir, s.uri(export), "qd16", "randwrite", "4k", 16, 4,
                        "8M")).out();
                assertTrue(qd16.contains("err= 0") && qd16.contains("jobs=4"), qd16);
                String seq = NbdClients.ok(dir, 120, fio(dir, s.uri(export), "seq", "write", "1M", 4, 2, "16M"))
                        .out();
                assertTrue(seq.contains("err= 0"), seq);
            }
        }
    }

    @Test
    void severalClientsAtOnceOnDifferentExports() throws Exception {
        Path src = randomFile(dir.resolve("src.bin"), 13, 48L << 20);
        try (ServedExports s = serve()) {
            var copy = NbdClients.start(dir, "nbdcopy", "--connections=4", src.toString(), s.uri("vg/lv"));
            var fio = NbdClients.start(dir, fio(dir, s.uri("pool/thin"), "mix", "randwrite", "4k", 16, 2, "16M"));
            var io = NbdClients.start(dir, "qemu-io", "-f", "raw", "-c", "write -P 0x21 200M 4M", "-c",
                    "read -P 0x21 200M 4M", s.uri("pool/thin"));
            var info = NbdClients.start(dir, "nbdinfo", "--map", s.uri("pool/thin"));
            copy.ok(120);
            assertTrue(fio.ok(120).out().contains("err= 0"));
            assertFalse(io.ok(120).out().contains("failed"));
            assertFalse(map(info.ok(60).out()).isEmpty());
            NbdClients.ok(dir, 60, "qemu-img", "compare", "-f", "raw", "-F", "raw", src.toString(), s.uri("vg/lv"));
        }
    }
}
