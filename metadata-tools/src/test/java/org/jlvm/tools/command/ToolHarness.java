package org.jlvm.tools.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.jlvm.pool.block.Checksums;
import picocli.CommandLine;

/** Runs our tools in-process and the real 0.9.0 tools as processes; finds and unpacks the shared vectors. */
final class ToolHarness {
    static final int BS = 4096;

    private ToolHarness() {
    }

    /** stdout, stderr and exit code of one run. */
    record Result(String out, String err, int rc) {
        String combined() {
            return "--- stdout\n" + out + "--- stderr\n" + err + "[rc=" + rc + "]\n";
        }
    }

    /** Our tool in-process, as the CLI runs it: on the quick path when the command line is simple (QuickArgs). */
    static Result ours(String tool, String... args) {
        Result quick = quick(tool, args);
        return quick != null ? quick : picocli(tool, args);
    }

    /** Our tool on the quick path ({@link ToolCommands#quick}); null when that declines the command line. */
    static Result quick(String tool, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        PrintWriter out = new PrintWriter(o);
        PrintWriter err = new PrintWriter(e);
        Callable<Integer> cmd = ToolCommands.quick(tool, args.clone(), out, err);
        if (cmd == null) {
            return null;
        }
        int rc;
        try {
            rc = cmd.call();
        } catch (Exception ex) {
            throw new AssertionError(tool + " threw on the quick path", ex);
        }
        out.flush();
        err.flush();
        return new Result(o.toString(), e.toString(), rc);
    }

    /** Our tool with its command line parsed by picocli. */
    static Result picocli(String tool, String... args) {
        Callable<Integer> cmd = switch (tool) {
            case "thin_dump" -> new ThinDumpCommand();
            case "thin_restore" -> new ThinRestoreCommand();
            case "thin_check" -> new ThinCheckCommand();
            case "thin_ls" -> new ThinLsCommand();
            case "thin_delta" -> new ThinDeltaCommand();
            case "thin_rmap" -> new ThinRmapCommand();
            case "thin_metadata_size" -> new ThinMetadataSizeCommand();
            case "thin_repair" -> new ThinRepairCommand();
            case "thin_trim" -> new ThinTrimCommand();
            case "thin_metadata_pack" -> ThinMetadataPackCommand.pack();
            case "thin_metadata_unpack" -> ThinMetadataPackCommand.unpack();
            default -> throw new IllegalArgumentException(tool);
        };
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setCommandName(tool);
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(tool + ": " + ex.getMessage());
            ex.getCommandLine().getErr().flush();
            return 1;
        });
        int rc = cl.execute(args);
        return new Result(o.toString(), e.toString(), rc);
    }

    /** A real 0.9.0 tool as a process (from the PATH). */
    static Result real(String tool, String... args) {
        org.jlvm.pool.testing.RealThinTools.Run r = org.jlvm.pool.testing.RealThinTools.run090(tool, args);
        return new Result(r.stdout(), r.stderr(), r.rc());
    }

    /** Every real thin_check present (0.9.0, and 1.1.0 when fetched) accepts the image. */
    static void assertAccepted(Path image, Object context) {
        org.jlvm.pool.testing.RealThinTools.Run r = org.jlvm.pool.testing.RealThinTools.checkAll(image);
        if (r.rc() != 0) {
            fail(context + ": the real thin_check rejects " + image + "\n" + r.combined());
        }
    }

    /** The dm-thin vectors in the clone (testdata/dm-thin-vectors). */
    static Path vectors() {
        return org.jlvm.pool.testing.TestData.thinVectors();
    }

    static Path expected(String name) {
        return vectors().resolve("expected").resolve(name);
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Unpacks vector {@code name} (e.g. v3_snapshots) into {@code dir}. */
    static Path image(Path dir, String name) throws IOException {
        Path out = dir.resolve(name + ".bin");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(vectors().resolve(name + ".bin.gz")))) {
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /** Creates an all-zero sparse file of {@code bytes}. */
    static Path blank(Path p, long bytes) throws IOException {
        Files.deleteIfExists(p);
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(1), bytes - 1);
        }
        return p;
    }

    static byte[] block(Path img, long b) throws IOException {
        byte[] all = Files.readAllBytes(img);
        byte[] d = new byte[BS];
        System.arraycopy(all, (int) (b * BS), d, 0, BS);
        return d;
    }

    static void writeBlock(Path img, long b, byte[] d) throws IOException {
        byte[] all = Files.readAllBytes(img);
        System.arraycopy(d, 0, all, (int) (b * BS), BS);
        Files.write(img, all);
    }

    /** A byte patch applied to one block, then re-checksummed with {@code salt} (0 = leave the checksum). */
    interface Patch {
        void apply(byte[] block);
    }

    static void patch(Path img, long b, int salt, Patch p) throws IOException {
        byte[] d = block(img, b);
        p.apply(d);
        if (salt != 0) {
            Checksums.stamp(d, salt);
        }
        writeBlock(img, b, d);
    }

    /** Sets entry {@code i} of a bitmap block to {@code count} (0..3), with the kernel's swapped bit order. */
    static void setBitmapEntry(byte[] bm, int i, int count) {
        int bits = count == 0 ? 0 : count == 1 ? 2 : count == 2 ? 1 : 3;
        int off = 16 + i / 4;
        int sh = 2 * (i % 4);
        bm[off] = (byte) ((bm[off] & ~(3 << sh)) | (bits << sh));
    }

    static void putLong(byte[] d, int off, long v) {
        for (int i = 0; i < 8; i++) {
            d[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putInt(byte[] d, int off, int v) {
        for (int i = 0; i < 4; i++) {
            d[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void assertSame(Result real, Result ours) {
        assertEquals(real.combined(), ours.combined());
    }
}
