package org.jlvm.cli.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The lock a running daemon holds on {@link RunDir#pidFile()} for its whole life (a process that dies, however it
 * dies, lets go of it), with its pid written in the file. Whoever gets it while no daemon answers knows the daemon
 * is gone.
 */
final class DaemonLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DaemonLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when a live daemon holds it. */
    static Optional<DaemonLock> tryAcquire(RunDir run) throws IOException {
        createRunDir(run);
        FileChannel ch = FileChannel.open(run.pidFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new DaemonLock(ch, l));
        } catch (OverlappingFileLockException e) {
            ch.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The run directory, owner-only (it holds the sockets). */
    static void createRunDir(RunDir run) throws IOException {
        if (!Files.isDirectory(run.dir())) {
            Files.createDirectories(run.dir());
        }
        Files.setPosixFilePermissions(run.dir(), PosixFilePermissions.fromString("rwx------"));
    }

    /** Writes this process's pid into the file. */
    void writePid() throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }

    /** The pid a daemon wrote, if any. */
    static Optional<Long> pid(RunDir run) {
        try {
            return Optional.of(Long.parseLong(Files.readString(run.pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
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
