package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real NBD clients the tests drive, run as processes with a deadline. A missing binary fails the test and names
 * the Debian package to install (scripts/test-packages.txt lists them).
 */
final class NbdClients {
    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private NbdClients() {
    }

    /** Fails unless {@code binary} is on PATH. */
    static void require(String binary, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
                return;
            }
        }
        fail(binary + " is not installed: install the Debian package '" + debianPackage
                + "' (listed in scripts/test-packages.txt)");
    }

    static String packageOf(String binary) {
        return switch (binary) {
            case "nbdinfo", "nbdcopy" -> "libnbd-bin";
            case "qemu-img", "qemu-io", "qemu-nbd" -> "qemu-utils";
            case "fio" -> "fio";
            case "nbdkit" -> "nbdkit";
            default -> binary;
        };
    }

    static Result run(Path workDir, long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        return start(workDir, cmd).await(timeoutSeconds);
    }

    static Running start(Path workDir, String... cmd) throws IOException {
        require(cmd[0], packageOf(cmd[0]));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        return new Running(List.of(cmd), p, out, err);
    }

    record Running(List<String> cmd, Process process, Path out, Path err) {
        Result await(long timeoutSeconds) throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }

        /** Waits and fails unless the exit code is 0. */
        Result ok(long timeoutSeconds) throws IOException, InterruptedException {
            Result r = await(timeoutSeconds);
            if (r.code() != 0) {
                fail(String.join(" ", cmd) + " exited " + r.code() + ":\n" + r.all());
            }
            return r;
        }
    }

    static Result ok(Path workDir, long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        return start(workDir, cmd).ok(timeoutSeconds);
    }

    static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }
}
