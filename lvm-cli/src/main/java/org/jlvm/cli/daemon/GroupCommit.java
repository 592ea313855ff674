package org.jlvm.cli.daemon;

import java.io.IOException;

/**
 * Flushes share commits. A flush needs a commit that starts after it arrives (one already running may have missed
 * its writes); while one runs, every flush that arrives waits, and when it ends one of them runs the next commit for
 * all of them. N concurrent flushes therefore cost at most two commits, not N. A failed commit fails every flush it
 * served. Thread-safe.
 */
final class GroupCommit {
    /** The commit itself, e.g. a thin pool's: everything written before it starts is durable when it returns. */
    @FunctionalInterface
    interface Commit {
        void run() throws IOException;
    }

    private final Commit commit;
    private long started;
    private long finished;
    private boolean running;
    private long lastFailed;
    private IOException lastFailure;
    private int waiting;

    GroupCommit(Commit commit) {
        this.commit = commit;
    }

    /** Returns once a commit that started after this call has completed; throws when that commit failed. */
    void flush() throws IOException {
        long mine;
        synchronized (this) {
            long need = started + 1;
            waiting++;
            try {
                while (finished < need && running) {
                    waitUninterruptibly();
                }
            } finally {
                waiting--;
            }
            if (finished >= need) {
                check(need);
                return;
            }
            running = true;
            mine = ++started;
        }
        IOException failure = null;
        try {
            commit.run();
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new IOException("commit failed: " + e, e);
        }
        synchronized (this) {
            running = false;
            finished = mine;
            if (failure != null) {
                lastFailed = mine;
                lastFailure = failure;
            }
            notifyAll();
            check(mine);
        }
    }

    private void check(long need) throws IOException {
        if (lastFailure != null && lastFailed >= need) {
            throw new IOException(lastFailure.getMessage(), lastFailure);
        }
    }

    private void waitUninterruptibly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits run so far. */
    synchronized long commits() {
        return started;
    }

    /** Flushes waiting for a commit now (tests use it to line flushes up behind one commit). */
    synchronized int waiting() {
        return waiting;
    }
}
