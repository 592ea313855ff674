package org.jlvm.pool.testing;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import org.jlvm.pool.io.BlockDevice;

/** A sparse in-memory device of 4 KiB pages; unwritten pages read as zeroes. Thread-safe. */
public final class MemoryBlockDevice implements BlockDevice {
    private static final int PAGE = 4096;
    private final ConcurrentHashMap<Long, byte[]> pages = new ConcurrentHashMap<>();
    private volatile long size;
    private volatile int flushes;

    public MemoryBlockDevice(long size) {
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    public void grow(long newSize) {
        if (newSize < size) {
            throw new IllegalArgumentException("shrink");
        }
        size = newSize;
    }

    /** Number of completed flushes. */
    public int flushes() {
        return flushes;
    }

    /** Number of 4 KiB pages that hold data (discard and writeZeroes of whole pages free them). */
    public int allocatedPages() {
        return pages.size();
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        checkRange(offset, dst.remaining());
        while (dst.hasRemaining()) {
            long page = offset / PAGE;
            int in = (int) (offset % PAGE);
            int n = Math.min(PAGE - in, dst.remaining());
            byte[] p = pages.get(page);
            if (p == null) {
                for (int i = 0; i < n; i++) {
                    dst.put((byte) 0);
                }
            } else {
                synchronized (p) {
                    dst.put(p, in, n);
                }
            }
            offset += n;
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        checkRange(offset, src.remaining());
        while (src.hasRemaining()) {
            long page = offset / PAGE;
            int in = (int) (offset % PAGE);
            int n = Math.min(PAGE - in, src.remaining());
            byte[] p = pages.computeIfAbsent(page, k -> new byte[PAGE]);
            synchronized (p) {
                src.get(p, in, n);
            }
            offset += n;
        }
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void discard(long offset, long length) {
        writeZeroes(offset, length);
    }

    @Override
    public void writeZeroes(long offset, long length) {
        checkRange(offset, length);
        long end = offset + length;
        while (offset < end) {
            long page = offset / PAGE;
            int in = (int) (offset % PAGE);
            int n = (int) Math.min(PAGE - in, end - offset);
            if (n == PAGE) {
                pages.remove(page);
            } else {
                byte[] p = pages.get(page);
                if (p != null) {
                    synchronized (p) {
                        java.util.Arrays.fill(p, in, in + n, (byte) 0);
                    }
                }
            }
            offset += n;
        }
    }

    @Override
    public boolean supportsDiscard() {
        return true;
    }

    @Override
    public boolean discardZeroes() {
        return true;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
