package org.jlvm.thin.meta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/** The dm-thin test vectors in the clone's testdata/dm-thin-vectors. */
public final class Vectors {
    private Vectors() {
    }

    public static Path dir() {
        return org.jlvm.pool.testing.TestData.thinVectors();
    }

    /** Unpacks {@code name.bin.gz} into {@code dir} and returns the image's path. */
    public static Path unpack(String name, Path dir) throws IOException {
        Path out = dir.resolve(name + ".bin");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir().resolve(name + ".bin.gz")))) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    public static String expected(String file) throws IOException {
        return Files.readString(dir().resolve("expected").resolve(file));
    }

    /** Runs the real thin_check, 0.9.0 and (when fetched) 1.1.0; rc 0 only when every version accepts. */
    public static ToolRun thinCheck(Path metadata, String... extra) {
        org.jlvm.pool.testing.RealThinTools.Run r = org.jlvm.pool.testing.RealThinTools.checkAll(metadata, extra);
        return new ToolRun(r.rc(), r.combined());
    }

    /** Exit code and combined output of a tool. */
    public record ToolRun(int rc, String output) {
    }
}
