package org.jlvm.tools.restore;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;

/**
 * Hands the events of an {@link Emitter} stream to another thread that feeds them, in order, to the target
 * (reading the input on one core while the pool is built on the other). Events travel in batches through a
 * small bounded queue, so memory stays bounded however large the input. A failure of the target stops the
 * producer at its next event and is rethrown by {@link #finish()}.
 */
final class PipelinedEmitter implements Emitter, AutoCloseable {
    private static final int N = 8192;
    private static final int QUEUED = 4;
    private static final byte MAPPING = 0;
    private static final byte BEGIN_SB = 1;
    private static final byte BEGIN_DEV = 2;
    private static final byte END_DEV = 3;
    private static final byte END_SB = 4;
    private static final Batch END = new Batch();

    private static final class Batch {
        final long[] v = new long[4 * N];
        final byte[] kind = new byte[N];
        final Object[] obj = new Object[N];
        int n;
    }

    private final Emitter target;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(QUEUED + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(QUEUED + 2);
    private final Thread consumer;
    private volatile Throwable failure;
    private Batch cur = new Batch();
    private boolean finished;

    PipelinedEmitter(Emitter target) {
        this.target = target;
        for (int i = 0; i < QUEUED; i++) {
            free.add(new Batch());
        }
        consumer = new Thread(this::consume, "restore-builder");
        consumer.setDaemon(true);
        consumer.start();
    }

    private void consume() {
        try {
            while (true) {
                Batch b = full.take();
                if (b == END) {
                    return;
                }
                if (failure == null) {
                    try {
                        apply(b);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                b.n = 0;
                java.util.Arrays.fill(b.obj, null);
                free.add(b);
            }
        } catch (InterruptedException e) {
            failure = e;
        }
    }

    private void apply(Batch b) throws ToolException {
        long[] v = b.v;
        for (int i = 0; i < b.n; i++) {
            switch (b.kind[i]) {
                case MAPPING -> target.rangeMapping(v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3]);
                case BEGIN_SB -> target.beginSuperblock((SuperblockInfo) b.obj[i]);
                case BEGIN_DEV -> target.beginDevice((DeviceInfo) b.obj[i]);
                case END_DEV -> target.endDevice();
                default -> target.endSuperblock();
            }
        }
    }

    private int slot(byte kind) throws ToolException {
        if (cur.n == N) {
            handOff();
        }
        int i = cur.n++;
        cur.kind[i] = kind;
        return i;
    }

    private void handOff() throws ToolException {
        if (failure != null) {
            throw failed();
        }
        try {
            full.put(cur);
            cur = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
    }

    private ToolException failed() {
        Throwable t = failure;
        if (t instanceof ToolException te) {
            return te;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error er) {
            throw er;
        }
        return new ToolException(String.valueOf(t.getMessage()), t);
    }

    @Override
    public void beginSuperblock(SuperblockInfo sb) throws ToolException {
        cur.obj[slot(BEGIN_SB)] = sb;
    }

    @Override
    public void beginDevice(DeviceInfo dev) throws ToolException {
        cur.obj[slot(BEGIN_DEV)] = dev;
    }

    @Override
    public void rangeMapping(long originBegin, long dataBegin, long length, long time) throws ToolException {
        int i = slot(MAPPING);
        long[] v = cur.v;
        v[4 * i] = originBegin;
        v[4 * i + 1] = dataBegin;
        v[4 * i + 2] = length;
        v[4 * i + 3] = time;
    }

    @Override
    public void endDevice() throws ToolException {
        slot(END_DEV);
    }

    @Override
    public void endSuperblock() throws ToolException {
        slot(END_SB);
    }

    /** Hands over what is left and waits until the target has taken everything; rethrows its failure. */
    void finish() throws ToolException {
        if (cur.n > 0) {
            handOff();
        }
        stop();
        if (failure != null) {
            throw failed();
        }
    }

    private void stop() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            full.put(END);
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the consumer (after what was handed over) if {@link #finish()} was not reached. */
    @Override
    public void close() {
        stop();
    }
}
