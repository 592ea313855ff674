package org.jlvm.dedup;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that runs a task periodically (the device's check for a packed block that waited too long).
 * Started by its owner, stopped by {@link #stop()}, which waits for a running task to finish.
 */
final class PackerTimer {
    private final ScheduledExecutorService executor;

    /** Runs {@code task} every {@code periodMillis} milliseconds on a daemon thread. */
    PackerTimer(Runnable task, long periodMillis) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jlvm-dedup-packer-timer");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer; when it returns the task is not running and will not run again. */
    void stop() {
        executor.shutdown(); // no interrupt: it would close a FileChannel the task is writing to
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
