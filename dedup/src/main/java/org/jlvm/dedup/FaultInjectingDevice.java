package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;

/**
 * The stress driver's disk: a volatile write cache ({@link CrashSimulatingBlockDevice}) that counts every I/O
 * (read, write, flush, discard) and can, at a chosen I/O index,
 * <ul>
 *   <li>cut the power: that I/O and every later one fail until {@link #powerCut};</li>
 *   <li>fail one I/O, or every I/O in a range, and go on (a failed write lands nothing);</li>
 *   <li>fail the Nth flush only; like Linux after a write-back error, the writes not yet flushed are lost
 *       or kept at random (sector by sector), and the next flush succeeds.</li>
 * </ul>
 * Thread-safe.
 */
final class FaultInjectingDevice implements BlockDevice {
    private final CrashSimulatingBlockDevice cache;
    private final Random random;
    private final AtomicLong ios = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private volatile long cutAt = Long.MAX_VALUE;
    private volatile long failFrom = Long.MAX_VALUE;
    private volatile long failTo = Long.MAX_VALUE;
    private volatile long failFlushAt = Long.MAX_VALUE;
    private volatile boolean dead;
    private final AtomicLong injected = new AtomicLong();

    FaultInjectingDevice(BlockDevice backing, Random random) {
        this.cache = new CrashSimulatingBlockDevice(backing);
        this.random = random;
    }

    /** I/Os so far. */
    long ioCount() {
        return ios.get();
    }

    /** Faults injected so far (failed I/Os, including the power cut). */
    long injectedFaults() {
        return injected.get();
    }

    /** True once the power was cut (until {@link #powerCut}). */
    boolean dead() {
        return dead;
    }

    /** The I/O {@code n} (≥ 1) from now cuts the power. */
    void cutPowerAfter(long n) {
        cutAt = ios.get() + n;
    }

    /** The I/Os from {@code n} (≥ 1) from now, {@code count} of them, fail; then the device goes on. */
    void failRangeAfter(long n, long count) {
        long from = ios.get() + n;
        failTo = from + count;
        failFrom = from;
    }

    /** The {@code n}th flush (≥ 1) from now fails, losing a random subset of the writes not yet flushed. */
    void failFlushAfter(long n) {
        failFlushAt = flushes.get() + n;
    }

    /** Clears every armed fault. */
    void disarm() {
        cutAt = Long.MAX_VALUE;
        failFrom = Long.MAX_VALUE;
        failTo = Long.MAX_VALUE;
        failFlushAt = Long.MAX_VALUE;
    }

    /** Plays the power cut: un-flushed writes are dropped (or a random subset kept); the device lives again. */
    void powerCut(CrashMode mode) throws IOException {
        synchronized (cache) {
            cache.crash(mode, random);
        }
        disarm();
        dead = false;
    }

    private void count() throws IOException {
        if (dead) {
            throw new IOException("injected power cut: the disk is gone");
        }
        long n = ios.incrementAndGet();
        if (n >= cutAt) {
            dead = true;
            injected.incrementAndGet();
            throw new IOException("injected power cut at I/O " + n);
        }
        if (n >= failFrom && n < failTo) {
            injected.incrementAndGet();
            throw new IOException("injected I/O error at I/O " + n);
        }
    }

    @Override
    public long size() {
        return cache.size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        count();
        cache.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        count();
        cache.write(offset, src);
    }

    @Override
    public void flush() throws IOException {
        count();
        if (flushes.incrementAndGet() == failFlushAt) {
            injected.incrementAndGet();
            synchronized (cache) {
                cache.crash(CrashMode.SUBSET, random); // write-back failed: some cached writes never land
            }
            throw new IOException("injected flush failure (flush " + flushes.get() + ")");
        }
        cache.flush();
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        count();
        cache.discard(offset, length);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        count();
        cache.writeZeroes(offset, length);
    }

    @Override
    public boolean discardZeroes() {
        return true;
    }

    /** Leaves the wrapped device open: the driver's reopen cycles reuse it; its owner closes it. */
    @Override
    public void close() {
    }
}
