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
 *   <li>fail the Nth I/O (read, write or flush) with an {@link IOException};</li>
 *   <li>tear the Nth write: only its first {@code keepSectors} 512-byte sectors land, then it throws;</li>
 *   <li>{@link #crash}: drop everything not flushed (or keep a random subset of sectors).</li>
 * </ul>
 * After an injected failure every later I/O fails too, until {@link #crash} (the "machine" is dead).
 */
public final class FaultyBlockDevice implements BlockDevice {
    private final CrashSimulatingBlockDevice cache;
    private final AtomicLong ios = new AtomicLong();
    private volatile long failAt = Long.MAX_VALUE;
    private volatile long tearAt = Long.MAX_VALUE;
    private volatile int tearKeepSectors;
    private volatile boolean dead;

    public FaultyBlockDevice(BlockDevice backing) {
        this.cache = new CrashSimulatingBlockDevice(backing);
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
            throw new IOException("injected fault: device is dead");
        }
        long n = ios.incrementAndGet();
        if (n >= failAt) {
            dead = true;
            throw new IOException("injected fault at I/O " + n);
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
        if (n >= failAt) {
            dead = true;
            throw new IOException("injected fault at I/O " + n);
        }
        cache.write(offset, src);
    }

    @Override
    public void flush() throws IOException {
        countAndMaybeFail();
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
