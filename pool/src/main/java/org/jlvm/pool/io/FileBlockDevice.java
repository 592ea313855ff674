package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file or block device accessed with positional {@link FileChannel} I/O. Flush is {@code force(false)}
 * (fdatasync). Thread-safe: positional reads and writes do not share a file position.
 */
public final class FileBlockDevice implements BlockDevice {
    private final FileChannel channel;
    private final Path path;
    private final boolean readOnly;
    private volatile long size;

    private FileBlockDevice(Path path, FileChannel channel, long size, boolean readOnly) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.readOnly = readOnly;
    }

    /** Opens an existing file; its current length is the device size. */
    public static FileBlockDevice open(Path path, boolean readOnly) throws IOException {
        Set<StandardOpenOption> opts = readOnly ? EnumSet.of(StandardOpenOption.READ)
                : EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel ch = FileChannel.open(path, opts);
        return new FileBlockDevice(path, ch, ch.size(), readOnly);
    }

    /** Opens or creates a file and makes it exactly {@code size} bytes long (sparse when grown). */
    public static FileBlockDevice create(Path path, long size) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        try {
            if (ch.size() > size) {
                ch.truncate(size);
            } else if (ch.size() < size) {
                ch.write(ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new FileBlockDevice(path, ch, size, false);
    }

    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    /** Grows the file (sparse). Shrinking is refused. */
    public synchronized void grow(long newSize) throws IOException {
        if (newSize < size) {
            throw new IllegalArgumentException("cannot shrink " + path + " from " + size + " to " + newSize);
        }
        if (newSize > size) {
            channel.write(ByteBuffer.allocate(1), newSize - 1);
            size = newSize;
        }
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        checkRange(offset, dst.remaining());
        long pos = offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                // Past the end of a file that is shorter than its nominal size: zeroes.
                while (dst.hasRemaining()) {
                    dst.put((byte) 0);
                }
                return;
            }
            pos += n;
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        if (readOnly) {
            throw new org.jlvm.pool.error.ReadOnlyException(path + " is open read-only");
        }
        checkRange(offset, src.remaining());
        long pos = offset;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    /**
     * Punches a hole over the range in a regular file (the range then reads as zeroes and uses no space);
     * a no-op where holes cannot be punched (block devices, no fallocate). A hint, as the contract says.
     */
    @Override
    public void discard(long offset, long length) throws IOException {
        if (readOnly) {
            throw new org.jlvm.pool.error.ReadOnlyException(path + " is open read-only");
        }
        checkRange(offset, length);
        if (supportsDiscard()) {
            HolePunching.punch(path, offset, length);
        }
    }

    /** True for regular files where util-linux fallocate is available. */
    @Override
    public boolean supportsDiscard() {
        return java.nio.file.Files.isRegularFile(path) && HolePunching.available();
    }

    /** A punched hole reads as zeroes: true exactly when discards punch holes. */
    @Override
    public boolean discardZeroes() {
        return supportsDiscard() && !readOnly;
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "file " + path;
    }
}
