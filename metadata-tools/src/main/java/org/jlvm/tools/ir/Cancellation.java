package org.jlvm.tools.ir;

/**
 * A request to stop a read-only run early (the interactive shell's Ctrl-C). The run's long loops call
 * {@link #check()} on the cancellation they took from {@link #current()} when they started: once it is
 * {@linkplain #request() requested} the next check throws {@link Cancelled}, which unwinds the run (its
 * helper threads, which inherit the cancellation, stop at their own next check and are joined). Nothing here
 * prints: the command that ran the work says it was interrupted.
 *
 * <p>A cancellation is bound to the thread that {@linkplain #run runs} the work and inherited by the threads
 * that thread starts meanwhile; outside a run {@link #current()} is one that is never requested, so a
 * standalone tool never stops this way. A flag, not {@link Thread#interrupt()}: interrupting a thread blocked
 * in {@code FileChannel} I/O would close the channel under the other readers.
 */
public final class Cancellation {
    /** Thrown by {@link #check()} once the run was asked to stop; carries no stack trace. */
    public static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("interrupted", null, false, false);
        }
    }

    /** The work that runs with a cancellation bound. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private static final Cancellation NEVER = new Cancellation();
    private static final InheritableThreadLocal<Cancellation> CURRENT = new InheritableThreadLocal<>();

    private volatile boolean requested;
    private volatile boolean over;

    /** The cancellation of the run on this thread; outside a run, one that is never requested. */
    public static Cancellation current() {
        Cancellation c = CURRENT.get();
        return c == null ? NEVER : c;
    }

    /** Runs {@code work} with no cancellation at all (work that must not stop half-way, such as a write). */
    public static <T, E extends Exception> T shielded(Work<T, E> work) throws E {
        return NEVER.run(work);
    }

    /** Asks the run to stop at its next check; ignored once the run is over (and by the never-requested one). */
    public void request() {
        if (this != NEVER && !over) {
            requested = true;
        }
    }

    /** Whether a stop was requested (and the run is not over). */
    public boolean requested() {
        return requested;
    }

    /** A cancellation point: throws {@link Cancelled} once a stop was requested. */
    public void check() {
        if (requested) {
            throw new Cancelled();
        }
    }

    /**
     * Runs {@code work} on this thread with this cancellation {@linkplain #current() current} (and inherited by
     * the threads started meanwhile); afterwards the previous one is current again.
     */
    public <T, E extends Exception> T run(Work<T, E> work) throws E {
        Cancellation previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * Ends this cancellation's life: later requests are ignored and checks pass, so that a thread that outlived
     * its run (a pool thread started during it inherits it) is never stopped by it.
     */
    public void close() {
        over = true;
        requested = false;
    }
}
