package org.jlvm.dedup;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs a listener once when free space drops below a threshold, and re-arms when it rises above it again.
 * The listener runs on the thread that checks, with no lock of the caller held.
 */
final class LowWaterAlarm {
    private volatile long threshold = -1;
    private volatile Runnable listener;
    private final AtomicBoolean fired = new AtomicBoolean();

    void set(long freeBlocks, Runnable l) {
        threshold = freeBlocks;
        listener = l;
        fired.set(false);
    }

    /** Compares {@code free} (read only when a listener is set) with the threshold and fires on the crossing. */
    void check(LongSupplier free) {
        Runnable l = listener;
        if (l == null) {
            return;
        }
        if (free.getAsLong() >= threshold) {
            fired.set(false);
        } else if (fired.compareAndSet(false, true)) {
            l.run();
        }
    }
}
