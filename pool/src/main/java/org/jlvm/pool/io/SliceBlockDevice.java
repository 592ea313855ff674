package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A window {@code [start, start+length)} of another device. Closing a slice does not close the device. */
public final class SliceBlockDevice implements BlockDevice {
    private final BlockDevice base;
    private final long start;
    private final long length;

    public SliceBlockDevice(BlockDevice base, long start, long length) {
        if (start < 0 || length < 0 || start + length > base.size()) {
            throw new IllegalArgumentException("slice " + start + "+" + length + " exceeds device of "
                    + base.size() + " bytes");
        }
        this.base = base;
        this.start = start;
        this.length = length;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        checkRange(offset, dst.remaining());
        base.read(start + offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        checkRange(offset, src.remaining());
        base.write(start + offset, src);
    }

    @Override
    public void flush() throws IOException {
        base.flush();
    }

    @Override
    public void discard(long offset, long len) throws IOException {
        checkRange(offset, len);
        base.discard(start + offset, len);
    }

    @Override
    public void writeZeroes(long offset, long len) throws IOException {
        checkRange(offset, len);
        base.writeZeroes(start + offset, len);
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
    public void close() {
        // The base device belongs to whoever made the slice.
    }
}
