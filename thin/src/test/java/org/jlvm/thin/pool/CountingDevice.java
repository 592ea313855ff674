package org.jlvm.thin.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.BlockDevice;

/** Counts reads, writes, flushes and discards that reach a device. */
final class CountingDevice implements BlockDevice {
    final BlockDevice base;
    final AtomicLong reads = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicLong flushes = new AtomicLong();
    final AtomicLong discards = new AtomicLong();

    CountingDevice(BlockDevice base) {
        this.base = base;
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
        base.discard(offset, length);
    }

    @Override
    public boolean supportsDiscard() {
        return base.supportsDiscard();
    }

    @Override
    public boolean discardZeroes() {
        return base.discardZeroes();
    }

    @Override
    public void close() throws IOException {
        base.close();
    }
}
