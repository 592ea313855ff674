package org.jlvm.tools.ir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jlvm.pool.io.BlockDevice;

/**
 * A metadata device or image read (and optionally written) in 4 KiB blocks with positional I/O: a file or block
 * device by path, or a {@link BlockDevice} (the metadata LV of a pool, whose extents lie in PV files).
 */
public final class MetadataFile implements Closeable {
    public static final int BLOCK_SIZE = 4096;

    private final Path path;
    private final FileChannel channel;
    /** Instead of {@link #channel}: a device the caller owns (not closed here). */
    private final BlockDevice device;
    private final long nrBlocks;
    /** Read-only images are memory-mapped in 1 GiB windows (no system call per block read). */
    private final java.nio.MappedByteBuffer[] maps;
    private static final int MAP_SHIFT = 30;

    private MetadataFile(Path path, FileChannel channel, long size, boolean writable) {
        this.path = path;
        this.channel = channel;
        this.device = null;
        this.nrBlocks = size / BLOCK_SIZE;
        java.nio.MappedByteBuffer[] m = null;
        if (!writable && size > 0 && Files.isRegularFile(path)) {
            try {
                long usable = nrBlocks * BLOCK_SIZE;
                m = new java.nio.MappedByteBuffer[(int) ((usable + (1L << MAP_SHIFT) - 1) >>> MAP_SHIFT)];
                for (int i = 0; i < m.length; i++) {
                    long off = (long) i << MAP_SHIFT;
                    m[i] = channel.map(FileChannel.MapMode.READ_ONLY, off, Math.min(1L << MAP_SHIFT, usable - off));
                }
            } catch (IOException | UnsupportedOperationException e) {
                m = null;
            }
        }
        this.maps = m;
    }

    private MetadataFile(String name, BlockDevice device) {
        this.path = Path.of(name);
        this.channel = null;
        this.device = device;
        this.nrBlocks = device.size() / BLOCK_SIZE;
        this.maps = null;
    }

    /**
     * The metadata on {@code device}, read and written through it ({@code name} stands for it in messages);
     * closing this does not close the device.
     */
    public static MetadataFile of(BlockDevice device, String name) {
        return new MetadataFile(name, device);
    }

    /** Opens an existing file or block device; the 0.9.0 message "Couldn't stat path" if it is missing. */
    public static MetadataFile open(Path path, boolean writable) throws ToolException {
        if (!Files.exists(path)) {
            throw new ToolException("Couldn't stat path");
        }
        try {
            FileChannel ch = writable
                    ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(path, StandardOpenOption.READ);
            long size = ch.size();
            if (size == 0 && !Files.isRegularFile(path)) {
                size = ch.position(0).size();
            }
            return new MetadataFile(path, ch, size, writable);
        } catch (NoSuchFileException e) {
            throw new ToolException("Couldn't stat path");
        } catch (IOException e) {
            throw new ToolException(path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public long nrBlocks() {
        return nrBlocks;
    }

    /** Reads block {@code b}; blocks past the end are an error (I/O). */
    public byte[] read(long b) throws IOException {
        return read(b, new byte[BLOCK_SIZE]);
    }

    /** Reads block {@code b} into {@code d} (4096 bytes) and returns it. */
    public byte[] read(long b, byte[] d) throws IOException {
        if (b < 0 || b >= nrBlocks) {
            throw new IOException("block " + b + " is beyond the end of the metadata device (" + nrBlocks
                    + " blocks)");
        }
        long pos = b * BLOCK_SIZE;
        if (device != null) {
            device.read(pos, ByteBuffer.wrap(d));
            return d;
        }
        if (maps != null) {
            maps[(int) (pos >>> MAP_SHIFT)].get((int) (pos & ((1L << MAP_SHIFT) - 1)), d);
            return d;
        }
        ByteBuffer buf = ByteBuffer.wrap(d);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos + buf.position());
            if (n < 0) {
                java.util.Arrays.fill(d, buf.position(), d.length, (byte) 0);
                break;
            }
        }
        return d;
    }

    public void write(long b, byte[] d) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(d);
        long pos = b * BLOCK_SIZE;
        if (device != null) {
            device.write(pos, buf);
            return;
        }
        while (buf.hasRemaining()) {
            channel.write(buf, pos + buf.position());
        }
    }

    /** Writes {@code len} bytes of {@code d} from {@code off} at byte position {@code pos}. */
    public void writeBytes(long pos, byte[] d, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(d, off, len);
        if (device != null) {
            device.write(pos, buf);
            return;
        }
        while (buf.hasRemaining()) {
            channel.write(buf, pos + buf.position() - off);
        }
    }

    public void sync() throws IOException {
        if (device != null) {
            device.flush();
            return;
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
