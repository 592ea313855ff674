package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress indicator on stderr, shown only when attached to a terminal and only once the run has
 * taken more than a second. A negative total means "unknown" (only the count is shown).
 */
final class Progress {
    private final PrintWriter err;
    private long total;
    private final boolean tty;
    private final long started = System.nanoTime();
    private long last;
    private boolean shown;
    private String unit = "";

    Progress(PrintWriter err, long total) {
        this(err, total, System.console() != null);
    }

    Progress(PrintWriter err, long total, boolean show) {
        this.err = err;
        this.total = total;
        this.tty = show;
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (Linux: /proc/self/fd). */
    static boolean terminal(int fd) {
        try {
            String t = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    /** Text after the count when the total is unknown, e.g. " mappings". */
    Progress unit(String u) {
        this.unit = u;
        return this;
    }

    void total(long t) {
        this.total = t;
    }

    void update(long done) {
        if (!tty) {
            return;
        }
        long now = System.nanoTime();
        if (now - started < 1_000_000_000L || (shown && now - last < 100_000_000L)) {
            return;
        }
        last = now;
        shown = true;
        if (total < 0) {
            err.printf("\r%d%s", done, unit);
        } else {
            err.printf("\r%d/%d (%d%%)", done, total, total == 0 ? 100 : Math.min(100, done * 100 / total));
        }
        err.flush();
    }

    void done() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
