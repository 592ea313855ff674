package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file or block device accessed with positional {@link FileChannel} I/O. Flush is {@code force(false)}
 * (fdatasync). Thread-safe: positional reads and writes do not share a file position.
 *
 * <p><b>Exclusive open.</b> A read-write open locks the file exclusively, a read-only one shared, against other
 * processes and other opens in this one ({@link FileLocks}); a second read-write open fails with a one-line
 * message. A read-only open never writes.
 *
 * <p><b>Interrupts.</b> A {@link FileChannel} is closed for every user when a thread blocked in it is interrupted.
 * This device hides that: a caller's pending interrupt is cleared for the I/O and restored afterwards, and when an
 * interrupt (or anyone) closes the channel under an I/O, the channel is reopened (and the lock taken again) and the
 * I/O retried, so other threads never see the device closed. Only {@link #close()} closes it.
 */
public final class FileBlockDevice implements BlockDevice {
    /**
     * The one byte of a file (far beyond any end) that opens do not lock: a process that serves the file for
     * longer than a command runs (the jlvm daemon, for the PVs of active LVs) locks it, which keeps a second such
     * server out without keeping out the commands that open the file meanwhile.
     */
    public static final long SERVER_LOCK_OFFSET = Long.MAX_VALUE - 1;

    /** Reopens after interrupts within one I/O, at most; then the I/O fails. */
    private static final int MAX_REOPENS = 64;
    private final Path path;
    private final boolean readOnly;
    private final FileLocks.Held lock;
    private final Object reopening = new Object();
    private volatile FileChannel channel;
    private volatile boolean closed;
    private volatile long size;

    private FileBlockDevice(Path path, FileChannel channel, long size, boolean readOnly, FileLocks.Held lock) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.readOnly = readOnly;
        this.lock = lock;
    }

    private static Set<StandardOpenOption> options(boolean readOnly) {
        return readOnly ? EnumSet.of(StandardOpenOption.READ)
                : EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /**
     * Opens an existing file; its current length is the device size.
     *
     * @throws IOException (one line) when it is open read-write elsewhere, or open at all for a read-write open
     */
    public static FileBlockDevice open(Path path, boolean readOnly) throws IOException {
        FileLocks.Held lock = FileLocks.acquire(path, readOnly);
        try {
            FileChannel ch = FileChannel.open(path, options(readOnly));
            try {
                return new FileBlockDevice(path, ch, ch.size(), readOnly, lock);
            } catch (RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** Opens or creates a file (locked as by {@link #open}) and makes it exactly {@code size} bytes long. */
    public static FileBlockDevice create(Path path, long size) throws IOException {
        try {
            java.nio.file.Files.createFile(path);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Opened below (closing a descriptor of a file this process has locked would drop the lock).
        }
        FileLocks.Held lock = FileLocks.acquire(path, false);
        try {
            FileChannel ch = FileChannel.open(path, options(false));
            try {
                if (ch.size() > size) {
                    ch.truncate(size);
                } else if (ch.size() < size) {
                    ch.write(ByteBuffer.allocate(1), size - 1);
                }
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            return new FileBlockDevice(path, ch, size, false, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** One call on the channel. */
    @FunctionalInterface
    private interface ChannelCall<T> {
        T run(FileChannel ch) throws IOException;
    }

    /**
     * Runs {@code call} on the channel with the caller's interrupt held back (restored afterwards); reopens the
     * channel and retries when it was closed under the call by an interrupt.
     */
    private <T> T io(ChannelCall<T> call) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 0; ; attempt++) {
                FileChannel ch = channel;
                try {
                    return call.run(ch);
                } catch (ClosedChannelException e) {
                    if (closed || attempt >= MAX_REOPENS) {
                        throw closed ? e : new IOException(path + ": I/O keeps being interrupted", e);
                    }
                    interrupted |= Thread.interrupted();
                    reopen(ch);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Replaces {@code failed} (closed by an interrupt) with a new channel, unless another thread already has. */
    private void reopen(FileChannel failed) throws IOException {
        synchronized (reopening) {
            if (closed || channel != failed) {
                return;
            }
            channel = FileChannel.open(path, options(readOnly));
            lock.relock();
        }
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
            io(ch -> ch.write(ByteBuffer.allocate(1), newSize - 1));
            size = newSize;
        }
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        checkRange(offset, dst.remaining());
        long pos = offset;
        while (dst.hasRemaining()) {
            long at = pos;
            int p0 = dst.position();
            int n = io(ch -> ch.read(dst.position(p0), at)); // a retry starts over: the buffer may have moved
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
            long at = pos;
            int p0 = src.position();
            pos += io(ch -> ch.write(src.position(p0), at));
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
            io(ch -> {
                ch.force(false);
                return null;
            });
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (reopening) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            channel.close();
        } finally {
            lock.release();
            if (lock.shared()) {
                lock.relock(); // closing our descriptor dropped the lock the other read-only opens share
            }
        }
    }

    @Override
    public String toString() {
        return "file " + path;
    }
}
