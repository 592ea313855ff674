package org.jlvm.pool.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files that tests read from the repository itself: {@code testdata/} at the top of the clone. Nothing a test
 * reads lives outside the clone.
 */
public final class TestData {
    private TestData() {
    }

    /** The repository's top directory, found by walking up from the working directory to {@code testdata/}. */
    public static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no testdata/ directory above " + start + " (run the tests inside the clone)");
    }

    /** {@code testdata/NAME}. */
    public static Path dir(String name) {
        Path d = repositoryRoot().resolve("testdata").resolve(name);
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException(d + " is missing from the clone");
        }
        return d;
    }

    /** The dm-thin vectors made by thin-provisioning-tools 0.9.0 and their recorded outputs. */
    public static Path thinVectors() {
        return dir("dm-thin-vectors");
    }
}
