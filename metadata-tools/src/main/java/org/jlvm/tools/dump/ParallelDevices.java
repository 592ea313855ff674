package org.jlvm.tools.dump;

import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.ThinPool;
import org.jlvm.tools.ir.ToolException;

/**
 * Renders the mappings of the devices to dump on worker threads, each device exactly as the serial dump would
 * (its own walk, run merging within the device), and hands the text over in device order. A device's text
 * travels in pieces of about {@link #PIECE} characters through a small queue, and only a few devices are
 * under way at once, so memory stays bounded however large a device is.
 */
final class ParallelDevices implements AutoCloseable {
    static final int PIECE = 1 << 18;
    private static final int QUEUED_PIECES = 4;

    /** A piece of a device's text; the last one has {@code last} set and the failure, if the walk failed. */
    record Piece(StringBuilder text, long mappings, boolean last, Exception failure) {
    }

    /** One device under way. */
    static final class Device {
        final long root;
        final BlockingQueue<Piece> pieces = new ArrayBlockingQueue<>(QUEUED_PIECES);

        Device(long root) {
            this.root = root;
        }
    }

    private final ThinPool pool;
    private final Emitter.RunFormat format;
    private final ExecutorService workers;
    private final int ahead;
    private final ArrayDeque<Device> underWay = new ArrayDeque<>();

    ParallelDevices(ThinPool pool, Emitter.RunFormat format, int threads) {
        this.pool = pool;
        this.format = format;
        this.ahead = threads + 1;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dump-device");
            t.setDaemon(true);
            return t;
        });
    }

    /** How many more devices may be started before the first under way is taken. */
    boolean wantsMore() {
        return underWay.size() < ahead;
    }

    /** Starts rendering the device tree at {@code root}; devices are taken back in the order started. */
    void start(long root) {
        Device d = new Device(root);
        underWay.add(d);
        workers.execute(() -> render(d));
    }

    /** The oldest device under way (its pieces are read with {@link Device#pieces}), removed from the list. */
    Device next() {
        return underWay.poll();
    }

    private void render(Device d) {
        StringBuilder[] sb = {new StringBuilder(PIECE + 256)};
        long[] n = {0};
        Dumper.RunMerger m = new Dumper.RunMerger((o, dat, len, t) -> {
            format.run(sb[0], o, dat, len, t);
            n[0] += len;
            if (sb[0].length() >= PIECE) {
                if (!put(d, new Piece(sb[0], n[0], false, null))) {
                    throw new Stopped();
                }
                sb[0] = new StringBuilder(PIECE + 256);
                n[0] = 0;
            }
        });
        Exception failure = null;
        try {
            pool.mappings(d.root, m::add);
            m.flush();
        } catch (Stopped e) {
            return;
        } catch (ToolException | RuntimeException e) {
            failure = e;
            try {
                m.flush(); // the serial dump prints the runs before the damage too
            } catch (ToolException | RuntimeException ignored) {
                // the first failure is the one reported
            }
        }
        put(d, new Piece(sb[0], n[0], true, failure));
    }

    /** The dump was abandoned: this device's text is not wanted. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    private static boolean put(Device d, Piece p) {
        try {
            d.pieces.put(p);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Stops the workers (a device's text not yet taken is dropped) and waits until none is left running: each
     * stops at its next piece or cancellation check (bounded wait: they are daemon threads either way).
     */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
