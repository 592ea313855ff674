package org.jlvm.cli.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only writer of a connection's socket in transmission: one thread that sends whole replies, in the order they
 * were completed, so replies never interleave. Workers hand replies over and never block on the socket, so a client
 * that reads slowly stalls only its own connection. Each reply's {@code release} runs exactly once, when it was
 * written or dropped (after a write failure every later reply is dropped). The connection's reader thread may also
 * write a reply itself ({@link #tryWriteNow}) when nothing is queued: the socket is written under one lock.
 */
final class ReplyWriter implements Runnable {
    /** Buffers making up one reply, written back to back. */
    record Reply(ByteBuffer[] buffers, Runnable release) {
    }

    private static final Reply END = new Reply(new ByteBuffer[0], () -> { });
    private static final int BATCH = 64;

    private final GatheringByteChannel channel;
    private final Runnable onFailure;
    private final BlockingQueue<Reply> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock socketLock = new ReentrantLock();
    private volatile boolean broken;

    /** @param onFailure runs once when a write fails (closes the connection) */
    ReplyWriter(GatheringByteChannel channel, Runnable onFailure) {
        this.channel = channel;
        this.onFailure = onFailure;
    }

    void send(Reply r) {
        queue.add(r);
    }

    /**
     * Writes {@code r} on the calling thread when nothing is queued and no write is in progress; false (nothing done)
     * otherwise. Only the connection's own reader thread calls this: it may block on a slow client, which stalls
     * only that connection.
     */
    boolean tryWriteNow(Reply r) {
        if (broken || !queue.isEmpty() || !socketLock.tryLock()) {
            return false;
        }
        try {
            write(r.buffers());
        } finally {
            socketLock.unlock();
            r.release().run();
        }
        return true;
    }

    private void write(ByteBuffer[] all) {
        if (broken) {
            return;
        }
        try {
            long left = 0;
            for (ByteBuffer b : all) {
                left += b.remaining();
            }
            while (left > 0) {
                left -= channel.write(all);
            }
        } catch (IOException | RuntimeException e) {
            broken = true;
            onFailure.run();
        }
    }

    /** No more replies will be sent; the thread ends after writing those queued. */
    void finish() {
        queue.add(END);
    }

    @Override
    public void run() {
        List<Reply> batch = new ArrayList<>(BATCH);
        List<ByteBuffer> buffers = new ArrayList<>();
        boolean end = false;
        while (!end) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                broken = true;
                batch.add(END);
            }
            queue.drainTo(batch, BATCH - 1);
            buffers.clear();
            for (Reply r : batch) {
                if (r == END) {
                    end = true;
                } else {
                    buffers.addAll(List.of(r.buffers()));
                }
            }
            if (!broken && !buffers.isEmpty()) {
                socketLock.lock();
                try {
                    write(buffers.toArray(new ByteBuffer[0]));
                } finally {
                    socketLock.unlock();
                }
            }
            for (Reply r : batch) {
                r.release().run();
            }
            batch.clear();
        }
        // Anything sent after finish() (there should be nothing) is still released.
        Reply r;
        while ((r = queue.poll()) != null) {
            r.release().run();
        }
    }
}
