package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on one VG (or on the orphan PVs, {@code #orphans}) held by one command: a lock file per name
 * in the run directory, locked with {@link FileChannel#lock}. Waits at most {@code waitMillis}, then fails with
 * lvm's message.
 */
public final class VgLock implements AutoCloseable {
    /** The name lvm uses for the lock over PVs that are in no VG. */
    public static final String ORPHANS = "#orphans";

    private final FileChannel channel;
    private final FileLock lock;

    private VgLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static VgLock acquire(LvmHome home, String name, long waitMillis) throws IOException {
        Files.createDirectories(home.lockDir());
        Path file = home.lockDir().resolve(name.equals(ORPHANS) ? "P_orphans" : "V_" + name);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        try {
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l != null) {
                    return new VgLock(ch, l);
                }
                if (System.nanoTime() > deadline) {
                    throw busy(file, name);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the lock on " + name, e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** lvm's messages when the lock stays taken (as lvm2 with {@code wait_for_locks=0} prints them). */
    private static LvmError busy(Path file, String name) {
        String flock = file + ": flock failed: Resource temporarily unavailable";
        if (name.equals(ORPHANS)) {
            return LvmError.failed(flock, "Can't get lock for orphan PVs.");
        }
        return LvmError.failed(flock, "Can't get lock for " + name + ".", "Cannot process volume group " + name);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
