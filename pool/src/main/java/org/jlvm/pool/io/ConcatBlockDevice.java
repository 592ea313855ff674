package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Segments laid end to end (like a linear LV spanning extents of several PVs). Closing does not close the
 * segments. A flush flushes every segment.
 */
public final class ConcatBlockDevice implements BlockDevice {
    private final BlockDevice[] segments;
    private final long[] starts;
    private final long size;

    public ConcatBlockDevice(List<? extends BlockDevice> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a concatenation needs at least one segment");
        }
        segments = parts.toArray(new BlockDevice[0]);
        starts = new long[segments.length];
        long pos = 0;
        for (int i = 0; i < segments.length; i++) {
            starts[i] = pos;
            pos += segments[i].size();
        }
        size = pos;
    }

    @Override
    public long size() {
        return size;
    }

    private int segmentAt(long offset) {
        int lo = 0;
        int hi = segments.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private interface RangeOp {
        void apply(BlockDevice dev, long devOffset, int bufferFrom, int bufferTo) throws IOException;
    }

    private void forEachPiece(long offset, ByteBuffer buf, RangeOp op) throws IOException {
        checkRange(offset, buf.remaining());
        int pos = buf.position();
        int end = buf.limit();
        long off = offset;
        while (pos < end) {
            int s = segmentAt(off);
            long within = off - starts[s];
            int n = (int) Math.min(end - pos, segments[s].size() - within);
            op.apply(segments[s], within, pos, pos + n);
            pos += n;
            off += n;
        }
        buf.position(end);
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        forEachPiece(offset, dst, (dev, at, from, to) -> dev.read(at, dst.duplicate().limit(to).position(from)));
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        forEachPiece(offset, src, (dev, at, from, to) -> dev.write(at, src.duplicate().limit(to).position(from)));
    }

    private interface LengthOp {
        void apply(BlockDevice dev, long at, long len) throws IOException;
    }

    private void forEachLength(long offset, long length, LengthOp op) throws IOException {
        checkRange(offset, length);
        long off = offset;
        long left = length;
        while (left > 0) {
            int s = segmentAt(off);
            long within = off - starts[s];
            long n = Math.min(left, segments[s].size() - within);
            op.apply(segments[s], within, n);
            off += n;
            left -= n;
        }
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        forEachLength(offset, length, BlockDevice::discard);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        forEachLength(offset, length, BlockDevice::writeZeroes);
    }

    /** True when every segment's discard zeroes. */
    @Override
    public boolean discardZeroes() {
        for (BlockDevice d : segments) {
            if (!d.discardZeroes()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void flush() throws IOException {
        for (BlockDevice d : segments) {
            d.flush();
        }
    }

    @Override
    public void close() {
        // Segments belong to whoever made the concatenation.
    }
}
