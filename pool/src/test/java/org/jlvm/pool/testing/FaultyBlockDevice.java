package org.jlvm.pool.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;

/**
 * A fault-injecting device for crash tests. It keeps un-flushed writes in a simulated volatile cache
 * ({@link CrashSimulatingBlockDevice}) and can:
 * <ul>
 *   <li>fail the Nth I/O (read, write or flush) with an {@link IOException}, and every later one until
 *       {@link #crash} (the "machine" is dead): {@link #failAfter};</li>
 *   <li>fail the Nth I/O only, then go on: {@link #failOnceAfter};</li>
 *   <li>fail the Nth flush only, then go on ({@link #failFlushAfter}); as on Linux, the writes that flush should
 *       have made durable are lost (dropped from the volatile cache), and the next flush reports success;</li>
 *   <li>fail a range of I/Os, then go on: {@link #failRange} (failed writes do not land);</li>
 *   <li>tear the Nth write: only its first {@code keepSectors} 512-byte sectors land, then it throws;</li>
 *   <li>{@link #crash}: drop everything not flushed (or keep a random subset of sectors).</li>
 * </ul>
 * Devices built with one shared I/O counter ({@link #FaultyBlockDevice(BlockDevice, AtomicLong)}) count their I/Os
 * in one sequence, so a power cut can be placed at a global I/O index across a metadata and a data device: arm
 * {@link #failAfter} with the same n on both.
 */
public final class FaultyBlockDevice implements BlockDevice {
    private final CrashSimulatingBlockDevice cache;
    private final AtomicLong ios;
    private volatile long failAt = Long.MAX_VALUE;
    private volatile long failOnceAt = Long.MAX_VALUE;
    private volatile long rangeFrom = Long.MAX_VALUE;
    private volatile long rangeTo = Long.MAX_VALUE;
    private final AtomicLong flushes = new AtomicLong();
    private volatile long failFlushAt = Long.MAX_VALUE;
    private final AtomicLong injected = new AtomicLong();
    private volatile long tearAt = Long.MAX_VALUE;
    private volatile int tearKeepSectors;
    private volatile boolean dead;

    public FaultyBlockDevice(BlockDevice backing) {
        this(backing, new AtomicLong());
    }

    /** A device counting its I/Os in {@code sharedIos} (shared with other devices of one simulated machine). */
    public FaultyBlockDevice(BlockDevice backing, AtomicLong sharedIos) {
        this.cache = new CrashSimulatingBlockDevice(backing);
        this.ios = sharedIos;
    }

    /** Only the I/O that is the (now + n)th fails; later ones work. */
    public void failOnceAfter(long n) {
        failOnceAt = ios.get() + n;
    }

    /** The I/Os from the (now + from)th, {@code count} of them, fail; later ones work. */
    public void failRange(long from, long count) {
        rangeFrom = ios.get() + from;
        rangeTo = rangeFrom + count;
    }

    /** The (now + n)th flush of this device fails (its writes are lost); later flushes work. */
    public void failFlushAfter(long n) {
        failFlushAt = flushes.get() + n;
    }

    /** Faults injected so far (every failed I/O). */
    public long injectedFaults() {
        return injected.get();
    }

    /** The next I/O counted from now + n (n ≥ 1) fails; n = 1 fails the very next one. */
    public void failAfter(long n) {
        failAt = ios.get() + n;
    }

    /** The write that is the (now + n)th I/O writes only its first {@code keepSectors} sectors and throws. */
    public void tearAfter(long n, int keepSectors) {
        tearAt = ios.get() + n;
        tearKeepSectors = keepSectors;
    }

    /** I/Os seen so far. */
    public long ioCount() {
        return ios.get();
    }

    public boolean isDead() {
        return dead;
    }

    private void countAndMaybeFail() throws IOException {
        if (dead) {
            injected.incrementAndGet();
            throw new IOException("injected fault: device is dead");
        }
        maybeFail(ios.incrementAndGet());
    }

    private void maybeFail(long n) throws IOException {
        if (n >= failAt) {
            dead = true;
            injected.incrementAndGet();
            throw new IOException("injected fault at I/O " + n);
        }
        if (n == failOnceAt || n >= rangeFrom && n < rangeTo) {
            injected.incrementAndGet();
            throw new IOException("injected transient fault at I/O " + n);
        }
    }

    @Override
    public long size() {
        return cache.size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        countAndMaybeFail();
        cache.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        if (dead) {
            injected.incrementAndGet();
            throw new IOException("injected fault: device is dead");
        }
        long n = ios.incrementAndGet();
        if (n >= tearAt) {
            dead = true;
            int keep = Math.min(src.remaining(), tearKeepSectors * 512);
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + keep);
            cache.write(offset, part);
            throw new IOException("injected torn write at I/O " + n + " (" + keep + " bytes landed)");
        }
        maybeFail(n);
        cache.write(offset, src);
    }

    @Override
    public void flush() throws IOException {
        countAndMaybeFail();
        if (flushes.incrementAndGet() == failFlushAt) {
            injected.incrementAndGet();
            cache.crash(CrashMode.DROP_ALL, null); // the write-back failed: those writes are gone
            throw new IOException("injected flush failure (flush " + failFlushAt + ")");
        }
        cache.flush();
    }

    /** A discard zeroes its range in the volatile cache (see {@link CrashSimulatingBlockDevice}); one I/O. */
    @Override
    public void discard(long offset, long length) throws IOException {
        countAndMaybeFail();
        cache.discard(offset, length);
    }

    @Override
    public boolean discardZeroes() {
        return true;
    }

    /** Power cut: drops un-flushed writes (or keeps a random subset) and revives the device. */
    public int crash(CrashMode mode, Random random) throws IOException {
        int kept = cache.crash(mode, random);
        dead = false;
        failAt = Long.MAX_VALUE;
        failOnceAt = Long.MAX_VALUE;
        rangeFrom = Long.MAX_VALUE;
        rangeTo = Long.MAX_VALUE;
        failFlushAt = Long.MAX_VALUE;
        tearAt = Long.MAX_VALUE;
        return kept;
    }

    /** Power cut that drops everything not flushed. */
    public void crash() throws IOException {
        crash(CrashMode.DROP_ALL, null);
    }

    @Override
    public void close() throws IOException {
        cache.close();
    }
}
