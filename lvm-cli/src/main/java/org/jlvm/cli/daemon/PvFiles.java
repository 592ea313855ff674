package org.jlvm.cli.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.ConcatBlockDevice;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.io.SliceBlockDevice;

/**
 * The PV files of one VG as the daemon opens them: read-write, once each, and without the exclusive lock a command's
 * open takes. The daemon writes only inside the extents of LVs it holds active, and only for a command that holds the
 * VG's lock while it asks, so the commands' own opens (which lock) must not be kept out. It does lock the one byte
 * commands leave alone ({@link FileBlockDevice#SERVER_LOCK_OFFSET}) while it holds a PV: a daemon of another
 * {@code JLVM_HOME} that finds a PV held refuses to activate its LVs (two daemons writing one pool would corrupt it).
 * Devices over {@link ActivationRequest.Extent}s are slices of these files.
 */
final class PvFiles implements AutoCloseable {
    private final Map<String, Channel> open = new LinkedHashMap<>();

    /** The bytes {@code extents} describe, in order, as one device. */
    BlockDevice device(List<ActivationRequest.Extent> extents) throws IOException {
        if (extents.isEmpty()) {
            throw new IOException("a device with no extents");
        }
        List<BlockDevice> parts = new ArrayList<>();
        for (ActivationRequest.Extent e : extents) {
            Channel c = open.get(e.path());
            if (c == null) {
                c = new Channel(FileChannel.open(Path.of(e.path()), StandardOpenOption.READ, StandardOpenOption.WRITE));
                try {
                    hold(c.channel, e.path());
                } catch (IOException | RuntimeException ex) {
                    c.channel.close();
                    throw ex;
                }
                open.put(e.path(), c);
            }
            parts.add(new SliceBlockDevice(c, e.offset(), e.length()));
        }
        return parts.size() == 1 ? parts.get(0) : new ConcatBlockDevice(parts);
    }

    /** Takes the server lock of the PV file, or fails with the message a command prints. */
    private static void hold(FileChannel channel, String path) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock(FileBlockDevice.SERVER_LOCK_OFFSET, 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw LvmError.failed("Physical volume " + path + " is held by another jlvm daemon (of another JLVM_HOME):"
                    + " its logical volumes are active there.");
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Channel c : open.values()) {
            try {
                c.channel.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** One PV file: positional I/O, fdatasync for flush. Closed by {@link PvFiles#close} only. */
    private static final class Channel implements BlockDevice {
        private final FileChannel channel;

        Channel(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long size() {
            try {
                return channel.size();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void read(long offset, ByteBuffer dst) throws IOException {
            long at = offset;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, at);
                if (n < 0) {
                    throw new java.io.EOFException("read beyond the end of a PV file at " + at);
                }
                at += n;
            }
        }

        @Override
        public void write(long offset, ByteBuffer src) throws IOException {
            long at = offset;
            while (src.hasRemaining()) {
                at += channel.write(src, at);
            }
        }

        @Override
        public void flush() throws IOException {
            channel.force(false);
        }

        @Override
        public void close() {
            // the PvFiles owns the channel
        }
    }
}
