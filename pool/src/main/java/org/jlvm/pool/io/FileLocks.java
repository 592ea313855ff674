package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Exclusive (read-write) and shared (read-only) opens of files and block devices, across processes and within this
 * one. Other processes are kept out with a whole-file lock (all but {@link FileBlockDevice#SERVER_LOCK_OFFSET};
 * {@link FileChannel#tryLock}: an fcntl lock on Linux,
 * which also works on device nodes, as LVM's own locking does) held on a channel of its own that no I/O ever uses;
 * within this JVM (where file locks cannot overlap at all) a table keyed by the file's identity counts the opens.
 *
 * <p>One read-write open, or any number of read-only ones, at a time. POSIX drops all of a process's fcntl locks on
 * a file when any of its descriptors for that file is closed, so after our own I/O channel of a locked file is
 * closed and reopened (see {@link FileBlockDevice}) the lock is taken again ({@link Held#relock}).
 */
final class FileLocks {
    private static final Map<Object, Held> HELD = new HashMap<>();

    private FileLocks() {
    }

    /** A lock held on one file by one or more opens of this JVM. */
    static final class Held {
        private final Object key;
        private final Path path;
        private final boolean exclusive;
        private final FileChannel channel;
        private FileLock lock;
        private int users = 1;

        private Held(Object key, Path path, boolean exclusive, FileChannel channel, FileLock lock) {
            this.key = key;
            this.path = path;
            this.exclusive = exclusive;
            this.channel = channel;
            this.lock = lock;
        }

        /** Takes the OS lock again after one of our descriptors of the file was closed (which dropped it). */
        void relock() throws IOException {
            synchronized (FileLocks.class) {
                if (users == 0) {
                    return;
                }
                lock.release();
                FileLock l = channel.tryLock(0, FileBlockDevice.SERVER_LOCK_OFFSET, !exclusive);
                if (l == null) {
                    throw new IOException(path + " was taken by another process while its channel was reopened");
                }
                lock = l;
            }
        }

        /** Ends one open; the last one releases the lock. */
        void release() throws IOException {
            synchronized (FileLocks.class) {
                if (users == 0) {
                    return;
                }
                users--;
                if (users > 0) {
                    return;
                }
                HELD.remove(key);
                channel.close();
            }
        }

        /** Some other open of this JVM shares the lock and needs it taken again after a close of ours. */
        boolean shared() {
            synchronized (FileLocks.class) {
                return users > 0;
            }
        }
    }

    /**
     * Locks {@code path} for an open: exclusive for read-write, shared for read-only.
     *
     * @throws IOException with a one-line message when the file is open read-write elsewhere (or, for a
     *         read-write open, open at all)
     */
    static Held acquire(Path path, boolean readOnly) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        if (key == null) {
            key = path.toRealPath();
        }
        synchronized (FileLocks.class) {
            Held h = HELD.get(key);
            if (h != null) {
                if (readOnly && !h.exclusive) {
                    h.users++;
                    return h;
                }
                throw new IOException(path + " is already open " + (h.exclusive ? "read-write" : "read-only")
                        + " in this process; refusing to open it " + (readOnly ? "read-only" : "read-write"));
            }
            FileChannel ch = readOnly ? FileChannel.open(path, StandardOpenOption.READ)
                    : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock(0, FileBlockDevice.SERVER_LOCK_OFFSET, readOnly);
            } catch (OverlappingFileLockException e) {
                l = null;
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (l == null) {
                ch.close();
                throw new IOException(path + " is in use by another program (it holds a lock on it); refusing to open"
                        + " it " + (readOnly ? "read-only" : "read-write"));
            }
            h = new Held(key, path, !readOnly, ch, l);
            HELD.put(key, h);
            return h;
        }
    }
}
