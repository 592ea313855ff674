package org.jlvm.tools.stress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;

/**
 * Cuts the power at a seeded I/O index, wherever it lands (inside any operation): the devices of one simulated
 * machine count their I/Os (reads, writes, flushes, discards) on one shared counter; once {@link #arm armed}, the
 * I/O with the chosen index and every later one on any of them fails with {@link Cut} until the driver plays the
 * crash on the underlying {@link CrashSimulatingBlockDevice}s and calls {@link #reset}.
 */
final class PowerCut {
    /** The power is off: the I/O did not happen. */
    static final class Cut extends IOException {
        Cut(long io) {
            super("simulated power cut at I/O " + io);
        }
    }

    private final AtomicLong ios = new AtomicLong();
    private volatile long cutAt = Long.MAX_VALUE;
    private volatile boolean off;

    /** The (now + n)th I/O and all after it fail (n ≥ 1). */
    void arm(long n) {
        cutAt = ios.get() + n;
    }

    /** Whether the power went off since the last {@link #reset}. */
    boolean isOff() {
        return off;
    }

    /** After the crash was played: power on, nothing armed. */
    void reset() {
        off = false;
        cutAt = Long.MAX_VALUE;
    }

    void disarm() {
        cutAt = Long.MAX_VALUE;
    }

    private void tick() throws Cut {
        long n = ios.incrementAndGet();
        if (off || n >= cutAt) {
            off = true;
            throw new Cut(n);
        }
    }

    /** {@code dev} behind this power switch. */
    BlockDevice wrap(CrashSimulatingBlockDevice dev) {
        return new BlockDevice() {
            @Override
            public long size() {
                return dev.size();
            }

            @Override
            public void read(long offset, ByteBuffer dst) throws IOException {
                tick();
                dev.read(offset, dst);
            }

            @Override
            public void write(long offset, ByteBuffer src) throws IOException {
                tick();
                dev.write(offset, src);
            }

            @Override
            public void flush() throws IOException {
                tick();
                dev.flush();
            }

            @Override
            public void discard(long offset, long length) throws IOException {
                tick();
                dev.discard(offset, length);
            }

            @Override
            public void writeZeroes(long offset, long length) throws IOException {
                tick();
                dev.writeZeroes(offset, length);
            }

            @Override
            public boolean supportsDiscard() {
                return dev.supportsDiscard();
            }

            @Override
            public boolean discardZeroes() {
                return dev.discardZeroes();
            }

            @Override
            public void close() {
                // The driver closes the underlying device.
            }
        };
    }
}
