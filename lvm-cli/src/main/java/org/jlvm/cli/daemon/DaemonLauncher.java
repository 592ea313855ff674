package org.jlvm.cli.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.LvmHome;

/**
 * Starts {@code jlvm daemon} in the background for the first activation: the same java and class path as this
 * process, in its own session ({@code setsid}, so a terminal's Ctrl-C does not reach it), stdin from /dev/null,
 * output appended to {@link RunDir#log()}. Starters take {@link RunDir#startLock()} so two never start two.
 */
final class DaemonLauncher {
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final long POLL_MILLIS = 20;

    private DaemonLauncher() {
    }

    /** Returns once a daemon for {@code home} answers on its control socket, starting one if none runs. */
    static void ensureRunning(LvmHome home, DaemonConnector connector) throws IOException {
        RunDir run = RunDir.of(home);
        DaemonLock.createRunDir(run);
        try (FileChannel ch = FileChannel.open(run.startLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l = ch.lock()) {
            if (connector.alive()) {
                return;
            }
            awaitStopped(run);
            Process p = spawn(home, run);
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
            while (!connector.alive()) {
                if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                    throw LvmError.failed("jlvm daemon did not start" + (p.isAlive() ? " within "
                            + START_TIMEOUT_MILLIS / 1000 + " s" : " (exit code " + p.exitValue() + ")") + "; see "
                            + run.log() + ": " + lastLine(run.log()));
                }
                sleep();
            }
        }
    }

    /** Waits until a daemon that is stopping has let go of its lock. */
    private static void awaitStopped(RunDir run) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            java.util.Optional<DaemonLock> l = DaemonLock.tryAcquire(run);
            if (l.isPresent()) {
                l.get().close();
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw LvmError.failed("The jlvm daemon (pid " + DaemonLock.pid(run).map(String::valueOf).orElse("?")
                        + ") neither answers nor stops; see " + run.log() + ".");
            }
            sleep();
        }
    }

    private static Process spawn(LvmHome home, RunDir run) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (onPath("setsid")) {
            cmd.add("setsid");
        }
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        cmd.add("-XX:-UsePerfData");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Djlvm.invoked=jlvm");
        cmd.add("org.jlvm.cli.Main");
        cmd.add("daemon");
        cmd.add("--foreground");
        cmd.add("--exit-when-idle");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JLVM_HOME", home.root().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(run.log().toFile()));
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(empty)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the jlvm daemon", e);
        }
    }
}
