package org.jlvm.pool.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real thin-provisioning-tools as processes: 0.9.0 (Debian 12's package, on the PATH, required) and 1.1.0
 * (Debian 13's binary, unpacked by {@code scripts/test-deps.sh} into {@code .cache/thin-tools-1.1.0/} of the
 * clone, or wherever {@code JLVM_THIN_TOOLS_1X} names the directory holding {@code pdata_tools}; optional, tests
 * that need it are skipped with a reason when it is absent).
 */
public final class RealThinTools {
    /** Where scripts/test-deps.sh unpacks 1.1.0, relative to the repository root. */
    public static final String CACHE_1X = ".cache/thin-tools-1.1.0/usr/sbin";

    private RealThinTools() {
    }

    /** A tool's exit code, stdout and stderr. */
    public record Run(int rc, String stdout, String stderr) {
        public String combined() {
            return stdout + stderr;
        }
    }

    /** The 1.1.0 multi-call binary, if present. */
    public static Optional<Path> pdataTools1x() {
        String env = System.getenv("JLVM_THIN_TOOLS_1X");
        Path dir = env != null && !env.isEmpty() ? Path.of(env) : null;
        if (dir == null) {
            try {
                dir = TestData.repositoryRoot().resolve(CACHE_1X);
            } catch (IllegalStateException e) {
                return Optional.empty();
            }
        }
        Path bin = dir.resolve("pdata_tools");
        return Files.isExecutable(bin) ? Optional.of(bin) : Optional.empty();
    }

    /** Why 1.x tests are skipped, for assumption messages. */
    public static String missing1xReason() {
        return "thin-provisioning-tools 1.1.0 not found (run scripts/test-deps.sh as root to fetch it into "
                + CACHE_1X + ", or set JLVM_THIN_TOOLS_1X)";
    }

    /** Runs a 0.9.0 tool from the PATH; fails the test if the package is missing. */
    public static Run run090(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        try {
            return run(cmd);
        } catch (UncheckedIOException e) {
            throw new AssertionError("the real " + tool + " (thin-provisioning-tools 0.9.0) must be on PATH: "
                    + e.getCause().getMessage(), e);
        }
    }

    /** Runs a 1.1.0 tool; the caller checks {@link #pdataTools1x()} first. */
    public static Run run1x(String tool, String... args) {
        Path bin = pdataTools1x().orElseThrow(() -> new AssertionError(missing1xReason()));
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.toString());
        cmd.add(tool);
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /**
     * The real thin_check of every version present (0.9.0 always, 1.1.0 when fetched) on one image: rc is 0 only when
     * all of them accept it, and the output names each version's verdict. Use it wherever a test says "the real
     * tools accept what we wrote": 1.x is stricter than 0.9.0 and is what distributions run at activation.
     */
    public static Run checkAll(Path image, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(image.toString());
        String[] a = args.toArray(new String[0]);
        Run old = run090("thin_check", a);
        StringBuilder out = new StringBuilder("thin_check 0.9.0: rc " + old.rc() + "\n" + old.combined());
        int rc = old.rc();
        if (pdataTools1x().isPresent()) {
            Run x = run1x("thin_check", a);
            out.append("thin_check 1.1.0: rc ").append(x.rc()).append('\n').append(x.combined());
            if (rc == 0) {
                rc = x.rc();
            }
        }
        return new Run(rc, out.toString(), "");
    }

    private static Run run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            Thread t = new Thread(() -> copy(p.getErrorStream(), e));
            t.start();
            copy(p.getInputStream(), o);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " timed out");
            }
            t.join();
            return new Run(p.exitValue(), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // process ended
        }
    }
}
