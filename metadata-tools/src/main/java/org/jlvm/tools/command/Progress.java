package org.jlvm.tools.command;

import java.io.PrintWriter;

/** A one-line progress indicator on stderr, shown only when attached to a terminal. */
final class Progress {
    private final PrintWriter err;
    private final long total;
    private final boolean tty = System.console() != null;
    private final long started = System.nanoTime();
    private boolean shown;

    Progress(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
    }

    void update(long done) {
        if (!tty || System.nanoTime() - started < 1_000_000_000L) {
            return;
        }
        shown = true;
        err.printf("\r%d/%d (%d%%)", done, total, total == 0 ? 100 : done * 100 / total);
        err.flush();
    }

    void done() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
