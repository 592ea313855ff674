package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device that passes the required operations (size, read, write, flush, close) on to another one; wrappers
 * override what they change. The optional operations keep {@link BlockDevice}'s defaults unless a subclass
 * forwards them too, so a wrapper says explicitly which of the inner device's capabilities it exposes.
 */
public abstract class ForwardingBlockDevice implements BlockDevice {
    protected final BlockDevice inner;

    protected ForwardingBlockDevice(BlockDevice inner) {
        this.inner = inner;
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        inner.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        inner.write(offset, src);
    }

    @Override
    public void flush() throws IOException {
        inner.flush();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
