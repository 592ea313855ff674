package org.jlvm.thin.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The pool's low-water mark on free data blocks: the listeners run (on the pool's own thread, never the writer's)
 * once each time free space falls to the mark, and again only after it rose above it.
 */
final class LowWaterWatch {
    private final long lowBlocks;
    private final ExecutorService executor;
    private final List<Consumer<ThinPoolStatus>> listeners = new CopyOnWriteArrayList<>();
    private boolean fired;

    LowWaterWatch(long lowBlocks, ExecutorService executor) {
        this.lowBlocks = lowBlocks;
        this.executor = executor;
    }

    void add(Consumer<ThinPoolStatus> listener) {
        listeners.add(listener);
    }

    /** Whether a mark is set at all (else {@link #check} need not be called). */
    boolean armed() {
        return lowBlocks > 0;
    }

    void check(ThinPoolStatus st) {
        boolean fire = false;
        synchronized (this) {
            if (st.freeDataBlocks() <= lowBlocks) {
                if (!fired) {
                    fired = true;
                    fire = true;
                }
            } else {
                fired = false;
            }
        }
        if (fire && !executor.isShutdown()) {
            for (Consumer<ThinPoolStatus> c : listeners) {
                executor.execute(() -> c.accept(st));
            }
        }
    }
}
