package org.jlvm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher, as a user runs it: bin/jlvm and links named like the tools. */
class LauncherIT {
    @TempDir
    Path tmp;

    private static Path bin(String name) {
        Path p = Path.of("..", "bin", name).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(p), p + " is not executable");
        return p;
    }

    @Test
    void versionFromTheJar() throws Exception {
        RealTools.Run r = RealTools.run(bin("jlvm").toString(), "--version");
        assertEquals(0, r.rc(), r.stderr());
        assertTrue(r.stdout().matches("jlvm \\d+\\.\\d+\\.\\d+.*\\n"), r.stdout());
    }

    @Test
    void linkNamedLikeTheToolRunsIt() throws Exception {
        Path md = tmp.resolve("m");
        RealTools.Run r = RealTools.run(bin("thin_stress").toString(), "--metadata", md.toString(),
                "--data-blocks", "30000", "--seed", "11", "--ops", "2000", "--crash-every", "331");
        assertEquals(0, r.rc(), r.stderr());
        String last = r.stdout().trim().substring(r.stdout().trim().lastIndexOf('\n') + 1);
        assertTrue(last.matches("ops=2000 devices=\\d+ mappings=\\d+ transaction=\\d+ crashes=6 mismatches=0"), last);
        org.jlvm.pool.testing.RealThinTools.Run check = org.jlvm.pool.testing.RealThinTools.checkAll(md);
        assertEquals(0, check.rc(), check.combined());
        RealTools.Run viaJlvm = RealTools.run(bin("jlvm").toString(), "thin_stress", "--help");
        assertEquals(0, viaJlvm.rc());
        assertTrue(viaJlvm.stdout().startsWith("Usage: thin_stress"), viaJlvm.stdout());
    }

    /**
     * Start-up: the package step records an AppCDS archive that matches the jar (-Xshare:on refuses to start
     * otherwise), and picocli, rewritten as Java 8 class files, comes from it instead of being verified anew.
     */
    @Test
    void appCdsArchiveMatchesTheJarAndHoldsPicocli() throws Exception {
        Path jar = Path.of("..", "lvm-cli", "target", "jlvm.jar").toAbsolutePath().normalize();
        Path jsa = jar.resolveSibling("jlvm.jsa");
        assertTrue(Files.isRegularFile(jsa), jsa + " missing: the package step records it");
        RealTools.Run r = RealTools.run("java", "-Xshare:on", "-XX:SharedArchiveFile=" + jsa,
                "-Xlog:class+load=info", "-Djlvm.invoked=thin_check", "-jar", jar.toString(), "--help");
        assertEquals(0, r.rc(), r.stderr());
        String picocli = r.stdout().lines().filter(l -> l.contains(" picocli.CommandLine source:")).findFirst()
                .orElseThrow(() -> new AssertionError("picocli not loaded: " + r.stdout()));
        assertTrue(picocli.contains("shared objects file"), picocli);
        assertTrue(r.stdout().contains("Usage: thin_check"), r.stdout());
    }
}
