package org.jlvm.thin.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.BlockDevice;

/**
 * Counts reads, writes, flushes and discards that reach a device; optionally hides the base device's discard (then
 * a discard is a counted no-op, as on a disk without it).
 */
final class CountingDevice implements BlockDevice {
    final BlockDevice base;
    final AtomicLong reads = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicLong flushes = new AtomicLong();
    final AtomicLong discards = new AtomicLong();

    private final boolean passDiscards;

    CountingDevice(BlockDevice base) {
        this(base, true);
    }

    CountingDevice(BlockDevice base, boolean passDiscards) {
        this.base = base;
        this.passDiscards = passDiscards;
    }

    @Override
    public long size() {
        return base.size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        reads.incrementAndGet();
        base.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        writes.incrementAndGet();
        bytesWritten.addAndGet(src.remaining());
        base.write(offset, src);
    }

    @Override
    public void flush() throws IOException {
        flushes.incrementAndGet();
        base.flush();
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        discards.incrementAndGet();
        if (passDiscards) {
            base.discard(offset, length);
        } else {
            checkRange(offset, length);
        }
    }

    @Override
    public boolean supportsDiscard() {
        return passDiscards && base.supportsDiscard();
    }

    @Override
    public boolean discardZeroes() {
        return passDiscards && base.discardZeroes();
    }

    @Override
    public void close() throws IOException {
        base.close();
    }
}
