package org.jlvm.cli.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the daemon of one {@code JLVM_HOME}. No control socket: none runs. A socket nobody answers on while the
 * daemon's lock is free: the daemon died (killed, crashed) without deactivating: the first command that notices says
 * so once ({@code warn}) and removes its sockets; its LVs are inactive and its pools are at their last commit, which
 * is all a later activation sees. A socket nobody answers on while the lock is held: a daemon starting or stopping;
 * asked again for a while.
 */
final class DaemonConnector {
    private static final long BUSY_WAIT_MILLIS = 15_000;

    private final RunDir run;
    private final Consumer<String> warn;
    private boolean warned;

    DaemonConnector(RunDir run, Consumer<String> warn) {
        this.run = run;
        this.warn = warn;
    }

    RunDir run() {
        return run;
    }

    /** A connection to the running daemon, or empty when none runs. */
    Optional<ControlClient> connect() throws IOException {
        long deadline = System.currentTimeMillis() + BUSY_WAIT_MILLIS;
        while (true) {
            if (!Files.exists(run.controlSocket())) {
                return Optional.empty();
            }
            try {
                return Optional.of(ControlClient.connect(run.controlSocket()));
            } catch (IOException refused) {
                Optional<DaemonLock> lock = DaemonLock.tryAcquire(run);
                if (lock.isPresent()) {
                    try (DaemonLock l = lock.get()) {
                        if (Files.deleteIfExists(run.controlSocket())) {
                            Files.deleteIfExists(run.nbdSocket());
                            diedWarning();
                        }
                    }
                    return Optional.empty();
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("the jlvm daemon (pid " + DaemonLock.pid(run).map(String::valueOf)
                            .orElse("?") + ") does not answer on " + run.controlSocket());
                }
                pause();
            }
        }
    }

    private void diedWarning() {
        if (!warned) {
            warned = true;
            warn.accept("WARNING: The jlvm daemon stopped without deactivating its logical volumes (see "
                    + run.log() + "); they are inactive now, their thin pools as last committed.");
        }
    }

    /** Whether a daemon answers a ping. */
    boolean alive() throws IOException {
        Optional<ControlClient> c = connect();
        if (c.isEmpty()) {
            return false;
        }
        try (ControlClient client = c.get()) {
            client.call(ControlMessage.of(ControlProtocol.PING).build());
            return true;
        } catch (ControlClient.StoppingException e) {
            return false;
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the jlvm daemon", e);
        }
    }
}
