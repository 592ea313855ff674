package org.jlvm.cli.nbd;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Direct buffers for request and reply payloads, shared by a server's connections, so a request costs neither a
 * fresh zeroed array nor the JDK's copies between heap arrays and the socket or file: sockets read into and files
 * write from these buffers directly. Buffers come in power-of-two sizes from 4 KiB; at most {@code maxIdleBytes}
 * wait in the pool, the rest is left to the garbage collector. When direct memory runs out a heap buffer is handed
 * out instead. Thread-safe.
 */
final class BufferPool {
    private static final int MIN_SHIFT = 12;

    private final ConcurrentLinkedQueue<ByteBuffer>[] free;
    private final AtomicLong idle = new AtomicLong();
    private final long maxIdleBytes;

    @SuppressWarnings("unchecked")
    BufferPool(int maxPayload, long maxIdleBytes) {
        int classes = shift(maxPayload) - MIN_SHIFT + 1;
        this.free = new ConcurrentLinkedQueue[classes];
        for (int i = 0; i < classes; i++) {
            free[i] = new ConcurrentLinkedQueue<>();
        }
        this.maxIdleBytes = maxIdleBytes;
    }

    private static int shift(int length) {
        return Math.max(MIN_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(1, length) - 1));
    }

    /** A buffer with position 0 and limit {@code length} (contents undefined); give it back with {@link #give}. */
    ByteBuffer take(int length) {
        int s = shift(length);
        int c = s - MIN_SHIFT;
        if (c >= free.length) {
            return ByteBuffer.allocate(length);
        }
        ByteBuffer b = free[c].poll();
        if (b != null) {
            idle.addAndGet(-b.capacity());
        } else {
            try {
                b = ByteBuffer.allocateDirect(1 << s);
            } catch (OutOfMemoryError e) {
                return ByteBuffer.allocate(length); // direct memory is exhausted: the heap still serves
            }
        }
        return b.clear().limit(length);
    }

    /** Returns a buffer from {@link #take} once nothing uses it any more (others are ignored). */
    void give(ByteBuffer b) {
        if (b == null || !b.isDirect()) {
            return;
        }
        int c = Integer.numberOfTrailingZeros(b.capacity()) - MIN_SHIFT;
        if (c < 0 || c >= free.length || Integer.bitCount(b.capacity()) != 1) {
            return;
        }
        if (idle.addAndGet(b.capacity()) > maxIdleBytes) {
            idle.addAndGet(-b.capacity());
            return;
        }
        free[c].offer(b);
    }

    /** Bytes waiting in the pool. */
    long idleBytes() {
        return idle.get();
    }
}
