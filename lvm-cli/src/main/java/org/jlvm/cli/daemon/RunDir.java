package org.jlvm.cli.daemon;

import java.nio.file.Path;
import org.jlvm.cli.lvm.vg.LvmHome;

/**
 * The daemon's files in the run directory under {@code JLVM_HOME}: the control socket, the NBD socket, the log, the
 * lock file the running daemon holds (with its pid in it), and the lock starters take while they start one.
 */
public record RunDir(Path dir) {
    public static RunDir of(LvmHome home) {
        return new RunDir(home.root().resolve("run"));
    }

    public Path controlSocket() {
        return dir.resolve("jlvmd.sock");
    }

    public Path nbdSocket() {
        return dir.resolve("nbd.sock");
    }

    public Path log() {
        return dir.resolve("jlvmd.log");
    }

    /** Locked by the running daemon for its whole life; holds its pid. */
    public Path pidFile() {
        return dir.resolve("jlvmd.pid");
    }

    /** Locked by a command while it starts a daemon, so two commands never start two. */
    Path startLock() {
        return dir.resolve("jlvmd.start");
    }
}
