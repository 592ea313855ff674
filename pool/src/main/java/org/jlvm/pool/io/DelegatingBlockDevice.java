package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device that passes every operation, the optional ones included, to the device {@link #target()} names at the
 * time of the call: for wrappers that keep all of a device's capabilities and change which device serves, or
 * when an operation may run (unlike {@link ForwardingBlockDevice}, whose subclasses choose the optional operations
 * they expose). Closing is left to the subclass.
 */
public abstract class DelegatingBlockDevice implements BlockDevice {
    /** The device that serves the next operation. */
    protected abstract BlockDevice target();

    @Override
    public long size() {
        return target().size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        target().read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        target().write(offset, src);
    }

    @Override
    public void writeFua(long offset, ByteBuffer src) throws IOException {
        target().writeFua(offset, src);
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        target().discard(offset, length);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        target().writeZeroes(offset, length);
    }

    @Override
    public boolean supportsDiscard() {
        return target().supportsDiscard();
    }

    @Override
    public boolean discardZeroes() {
        return target().discardZeroes();
    }

    @Override
    public void flush() throws IOException {
        target().flush();
    }
}
