package org.jlvm.cli.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.DelegatingBlockDevice;

/**
 * The device of a writable export, whose writes stop when the LV is made read-only while active
 * ({@code lvchange -p r}): connections opened before keep reading, and their writes fail with an I/O error, as
 * writes to a device-mapper device whose table was reloaded read-only do. New connections get a read-only export.
 */
final class WriteGate extends DelegatingBlockDevice {
    private final BlockDevice inner;
    private volatile boolean shut;

    WriteGate(BlockDevice inner) {
        this.inner = inner;
    }

    /** Refuses every write from now on. */
    void shut() {
        shut = true;
    }

    @Override
    protected BlockDevice target() {
        return inner;
    }

    private void check() throws IOException {
        if (shut) {
            throw new IOException("the logical volume was made read-only");
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        check();
        inner.write(offset, src);
    }

    @Override
    public void writeFua(long offset, ByteBuffer src) throws IOException {
        check();
        inner.writeFua(offset, src);
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        check();
        inner.discard(offset, length);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        check();
        inner.writeZeroes(offset, length);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
