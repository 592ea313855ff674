package org.jlvm.tools.ir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A metadata device or image read (and optionally written) in 4 KiB blocks with positional I/O. */
public final class MetadataFile implements Closeable {
    public static final int BLOCK_SIZE = 4096;

    private final Path path;
    private final FileChannel channel;
    private final long nrBlocks;

    private MetadataFile(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.nrBlocks = size / BLOCK_SIZE;
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
            return new MetadataFile(path, ch, size);
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
        if (b < 0 || b >= nrBlocks) {
            throw new IOException("block " + b + " is beyond the end of the metadata device (" + nrBlocks
                    + " blocks)");
        }
        byte[] d = new byte[BLOCK_SIZE];
        ByteBuffer buf = ByteBuffer.wrap(d);
        long pos = b * BLOCK_SIZE;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos + buf.position());
            if (n < 0) {
                break;
            }
        }
        return d;
    }

    public void write(long b, byte[] d) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(d);
        long pos = b * BLOCK_SIZE;
        while (buf.hasRemaining()) {
            channel.write(buf, pos + buf.position());
        }
    }

    /** Writes {@code len} bytes of {@code d} from {@code off} at byte position {@code pos}. */
    public void writeBytes(long pos, byte[] d, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(d, off, len);
        while (buf.hasRemaining()) {
            channel.write(buf, pos + buf.position() - off);
        }
    }

    public void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
