package org.jlvm.cli.lvm.ondisk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the real lvm2 ({@code lvm}) on loop devices attached with {@code losetup}: activation off, no devices file,
 * backups and archives in a directory of the test, and a filter that accepts only the given loop devices.
 */
public final class RealLvm2 {
    /** The one stderr line every command prints with activation off. */
    public static final String ACTIVATION_WARNING = "  WARNING: Activation disabled. No device-mapper interaction will be attempted.";

    public record Result(int rc, String out, String err) {
        /** stderr without the activation-off warning. */
        public List<String> otherErrLines() {
            return err.lines().filter(l -> !l.equals(ACTIVATION_WARNING) && !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "rc=" + rc + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    private final List<String> devices;
    private final Path backupDir;

    /** {@code backupDir} receives lvm2's metadata backups and archives (never /etc/lvm). */
    public RealLvm2(List<String> devices, Path backupDir) {
        this.devices = List.copyOf(devices);
        this.backupDir = backupDir;
    }

    public String config() {
        String accept = devices.stream().map(d -> "\"a|^" + d + "$|\"").collect(Collectors.joining(","));
        return "global{activation=0} devices{use_devicesfile=0 filter=[" + accept + ",\"r|.*|\"]}"
                + " backup{backup=1 backup_dir=\"" + backupDir.resolve("backup") + "\" archive=1 archive_dir=\""
                + backupDir.resolve("archive") + "\"}";
    }

    public Result lvm(String command, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("lvm", command, "--config", config()));
        cmd.addAll(Arrays.asList(args));
        return run(cmd);
    }

    public static Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.get(0) + " (" + e.getMessage() + "); the real lvm2 "
                    + "and losetup are needed for this test", e);
        }
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** A loop device attached to a file; {@link #close} detaches it. */
    public static final class Loop implements AutoCloseable {
        public final String device;

        private Loop(String device) {
            this.device = device;
        }

        public static Loop attach(Path file, boolean readOnly) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of("losetup", "-f", "--show"));
            if (readOnly) {
                cmd.add("-r");
            }
            cmd.add(file.toString());
            Result r = run(cmd);
            String dev = r.out().trim();
            if (r.rc() != 0 || !dev.startsWith("/dev/loop")) {
                throw new IOException("losetup could not attach " + file + " (root and /dev/loop-control are needed): "
                        + r);
            }
            return new Loop(dev);
        }

        @Override
        public void close() throws IOException, InterruptedException {
            Result r = run(List.of("losetup", "-d", device));
            if (r.rc() != 0) {
                throw new IOException("losetup -d " + device + " failed: " + r);
            }
        }
    }
}
