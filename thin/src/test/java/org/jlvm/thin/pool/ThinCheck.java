package org.jlvm.thin.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlvm.pool.io.BlockDevice;

/** Runs the real thin_check (thin-provisioning-tools 0.9.0, and 1.1.0 when fetched) on a copy of a metadata device. */
final class ThinCheck {
    static final Path BINARY = Path.of("/usr/sbin/thin_check");

    record Result(int exitCode, String output) {
    }

    private ThinCheck() {
    }

    /** True; fails the test when thin-provisioning-tools is missing (CI installs it). */
    static boolean installed() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: install thin-provisioning-tools");
        }
        return true;
    }

    static Result run(BlockDevice metadata, Path dir) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "meta", ".bin");
        byte[] all = new byte[(int) metadata.size()];
        metadata.read(0, ByteBuffer.wrap(all));
        Files.write(file, all);
        org.jlvm.pool.testing.RealThinTools.Run r = org.jlvm.pool.testing.RealThinTools.checkAll(file);
        Files.delete(file);
        return new Result(r.rc(), r.combined());
    }
}
