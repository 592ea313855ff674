package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Releases the space of a byte range of a file (fallocate PUNCH_HOLE | KEEP_SIZE): afterwards the range reads
 * as zeroes and occupies no blocks. Java 17 has no such call, so this runs util-linux {@code fallocate}; callers
 * coalesce ranges so that one process serves a whole run.
 */
public final class HolePunching {
    private static volatile Boolean available;

    private HolePunching() {
    }

    /** Whether util-linux {@code fallocate} can be run here (checked once). */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                Process p = new ProcessBuilder("fallocate", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                a = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                a = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                a = false;
            }
            available = a;
        }
        return a;
    }

    /**
     * Punches a hole of {@code length} bytes at {@code offset} in {@code file}, keeping its size.
     *
     * @throws IOException when fallocate is missing or fails (e.g. the file system cannot punch holes)
     */
    public static void punch(Path file, long offset, long length) throws IOException {
        if (length <= 0) {
            return;
        }
        List<String> cmd = List.of("fallocate", "--punch-hole", "--keep-size", "--offset", Long.toString(offset),
                "--length", Long.toString(length), file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while punching a hole in " + file, e);
        }
    }
}
