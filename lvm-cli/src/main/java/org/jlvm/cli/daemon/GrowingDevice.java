package org.jlvm.cli.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jlvm.pool.io.BlockDevice;

/**
 * The data or metadata device of an active pool, which an lvextend makes longer while the pool runs: the new
 * device (the LV's extents, the old ones first) replaces the old one for the next I/O, as a device-mapper table
 * reload does. Never shorter; closing is the owner's ({@link PvFiles}).
 */
final class GrowingDevice implements BlockDevice {
    private volatile BlockDevice current;

    GrowingDevice(BlockDevice initial) {
        this.current = initial;
    }

    /** Uses {@code longer} from now on; it must begin with the same bytes and not be shorter. */
    void grow(BlockDevice longer) {
        if (longer.size() < current.size()) {
            throw new IllegalArgumentException("a device of " + current.size() + " bytes cannot shrink to "
                    + longer.size());
        }
        current = longer;
    }

    @Override
    public long size() {
        return current.size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        current.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        current.write(offset, src);
    }

    @Override
    public void writeFua(long offset, ByteBuffer src) throws IOException {
        current.writeFua(offset, src);
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        current.discard(offset, length);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        current.writeZeroes(offset, length);
    }

    @Override
    public boolean supportsDiscard() {
        return current.supportsDiscard();
    }

    @Override
    public boolean discardZeroes() {
        return current.discardZeroes();
    }

    @Override
    public void flush() throws IOException {
        current.flush();
    }

    @Override
    public void close() {
        // the PV files belong to the held VG
    }
}
