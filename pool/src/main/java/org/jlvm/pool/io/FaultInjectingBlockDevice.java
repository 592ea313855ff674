package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;

/**
 * The one fault-injecting device of the crash tests and stress drivers. Un-flushed writes sit in a simulated
 * volatile cache ({@link CrashSimulatingBlockDevice}); every I/O (read, write, flush, discard, write-zeroes) is
 * counted, and the device can:
 * <ul>
 *   <li>cut the power at the Nth I/O: it and every later one fail until {@link #crash} ({@link #failAfter});</li>
 *   <li>fail the Nth I/O only, or a range of I/Os, then go on ({@link #failOnceAfter}, {@link #failRange});
 *       a failed write lands nothing;</li>
 *   <li>tear the Nth write: only its first sectors land, then the power is cut ({@link #tearAfter});</li>
 *   <li>fail the Nth flush only, then go on ({@link #failFlushAfter}): as on Linux after a write-back error,
 *       the writes that flush should have made durable are lost (all, or a random subset of sectors), and the
 *       next flush succeeds;</li>
 *   <li>{@link #crash}: play the power cut (drop what was not flushed, or keep a random subset) and revive.</li>
 * </ul>
 * Devices of one simulated machine may count on one shared counter, so that a power cut lands at one global
 * I/O index across, say, a metadata and a data device: arm {@link #failAfter} with the same n on each.
 * Thread-safe.
 */
public class FaultInjectingBlockDevice implements BlockDevice {
    private final CrashSimulatingBlockDevice cache;
    private final boolean ownsCache;
    private final AtomicLong ios;
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();
    private volatile long failAt = Long.MAX_VALUE;
    private volatile long failOnceAt = Long.MAX_VALUE;
    private volatile long rangeFrom = Long.MAX_VALUE;
    private volatile long rangeTo = Long.MAX_VALUE;
    private volatile long failFlushAt = Long.MAX_VALUE;
    private volatile CrashMode flushLoss = CrashMode.DROP_ALL;
    private volatile Random flushLossRandom;
    private volatile long tearAt = Long.MAX_VALUE;
    private volatile int tearKeepSectors;
    private volatile boolean dead;

    /** A device with its own volatile cache over {@code backing}, closed with it. */
    public FaultInjectingBlockDevice(BlockDevice backing) {
        this(backing, new AtomicLong());
    }

    /** As {@link #FaultInjectingBlockDevice(BlockDevice)}, counting I/Os on {@code sharedIos}. */
    public FaultInjectingBlockDevice(BlockDevice backing, AtomicLong sharedIos) {
        this(new CrashSimulatingBlockDevice(backing), true, sharedIos);
    }

    private FaultInjectingBlockDevice(CrashSimulatingBlockDevice cache, boolean ownsCache, AtomicLong ios) {
        this.cache = cache;
        this.ownsCache = ownsCache;
        this.ios = ios;
    }

    /**
     * Faults in front of a volatile cache that the caller owns: {@link #close} leaves it open, so that a driver
     * can reopen its engine on the same device after each simulated crash.
     */
    public static FaultInjectingBlockDevice over(CrashSimulatingBlockDevice cache, AtomicLong sharedIos) {
        return new FaultInjectingBlockDevice(cache, false, sharedIos);
    }

    /** A device with its own volatile cache over {@code backing} that {@link #close} leaves open (reopen cycles). */
    public static FaultInjectingBlockDevice leavingOpen(BlockDevice backing) {
        return over(new CrashSimulatingBlockDevice(backing), new AtomicLong());
    }

    /** The I/O that is the (now + n)th (n ≥ 1) cuts the power: it and every later one fail until a crash. */
    public void failAfter(long n) {
        failAt = ios.get() + n;
    }

    /** Only the I/O that is the (now + n)th fails; later ones work. */
    public void failOnceAfter(long n) {
        failOnceAt = ios.get() + n;
    }

    /** The I/Os from the (now + from)th, {@code count} of them, fail; later ones work. */
    public void failRange(long from, long count) {
        long start = ios.get() + from;
        rangeTo = start + count;
        rangeFrom = start;
    }

    /** The (now + n)th flush of this device fails and every write it should have made durable is lost. */
    public void failFlushAfter(long n) {
        failFlushAfter(n, CrashMode.DROP_ALL, null);
    }

    /** The (now + n)th flush of this device fails, losing the un-flushed writes as {@code loss} says. */
    public void failFlushAfter(long n, CrashMode loss, Random random) {
        flushLoss = loss;
        flushLossRandom = random;
        failFlushAt = flushes.get() + n;
    }

    /** The write that is the (now + n)th I/O lands only its first {@code keepSectors} sectors; the power is cut. */
    public void tearAfter(long n, int keepSectors) {
        tearKeepSectors = keepSectors;
        tearAt = ios.get() + n;
    }

    /** Clears every armed fault (the device stays dead if the power was cut). */
    public void disarm() {
        failAt = Long.MAX_VALUE;
        failOnceAt = Long.MAX_VALUE;
        rangeFrom = Long.MAX_VALUE;
        rangeTo = Long.MAX_VALUE;
        failFlushAt = Long.MAX_VALUE;
        tearAt = Long.MAX_VALUE;
    }

    /** I/Os counted so far (on the shared counter, if any). */
    public long ioCount() {
        return ios.get();
    }

    /** Faults injected so far (every failed I/O). */
    public long injectedFaults() {
        return injected.get();
    }

    /** True once the power was cut, until {@link #crash}. */
    public boolean isDead() {
        return dead;
    }

    /** Plays the power cut: drops what was not flushed (or keeps a random subset), disarms and revives. */
    public int crash(CrashMode mode, Random random) throws IOException {
        int kept;
        synchronized (cache) {
            kept = cache.crash(mode, random);
        }
        disarm();
        dead = false;
        return kept;
    }

    /** Power cut that drops everything not flushed. */
    public void crash() throws IOException {
        crash(CrashMode.DROP_ALL, null);
    }

    private long count() throws IOException {
        if (dead) {
            injected.incrementAndGet();
            throw new IOException("injected power cut: the device is gone");
        }
        long n = ios.incrementAndGet();
        if (n >= failAt) {
            dead = true;
            injected.incrementAndGet();
            throw new IOException("injected power cut at I/O " + n);
        }
        if (n == failOnceAt || n >= rangeFrom && n < rangeTo) {
            injected.incrementAndGet();
            throw new IOException("injected I/O error at I/O " + n);
        }
        return n;
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
        long n = count();
        if (n >= tearAt) {
            dead = true;
            injected.incrementAndGet();
            int keep = Math.min(src.remaining(), tearKeepSectors * 512);
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + keep);
            cache.write(offset, part);
            throw new IOException("injected torn write at I/O " + n + " (" + keep + " bytes landed)");
        }
        cache.write(offset, src);
    }

    @Override
    public void flush() throws IOException {
        count();
        long f = flushes.incrementAndGet();
        if (f == failFlushAt) {
            injected.incrementAndGet();
            synchronized (cache) {
                cache.crash(flushLoss, flushLossRandom); // the write-back failed: cached writes never land
            }
            throw new IOException("injected flush failure (flush " + f + ")");
        }
        cache.flush();
    }

    /** A discard zeroes its range in the volatile cache (see {@link CrashSimulatingBlockDevice}); one I/O. */
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
    public boolean supportsDiscard() {
        return cache.supportsDiscard();
    }

    @Override
    public boolean discardZeroes() {
        return true;
    }

    @Override
    public void close() throws IOException {
        if (ownsCache) {
            cache.close();
        }
    }
}
