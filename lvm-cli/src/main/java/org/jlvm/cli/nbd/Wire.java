package org.jlvm.cli.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.channels.ReadableByteChannel;

/** Blocking reads and writes of whole buffers on a connection's channel. */
final class Wire {
    private Wire() {
    }

    static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.BIG_ENDIAN);
    }

    /** Fills {@code buf} to its limit, then flips it for reading; EOF before that is an {@link EOFException}. */
    static ByteBuffer readFully(ReadableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new EOFException("the client closed the connection after " + buf.position() + " of "
                        + buf.limit() + " bytes");
            }
        }
        return buf.flip();
    }

    static ByteBuffer read(ReadableByteChannel ch, int bytes) throws IOException {
        return readFully(ch, allocate(bytes));
    }

    /** Reads and drops {@code bytes} bytes, in bounded pieces. */
    static void skip(ReadableByteChannel ch, long bytes) throws IOException {
        ByteBuffer scratch = allocate((int) Math.min(bytes, 64 * 1024));
        long left = bytes;
        while (left > 0) {
            scratch.clear().limit((int) Math.min(scratch.capacity(), left));
            readFully(ch, scratch);
            left -= scratch.limit();
        }
    }

    static void writeFully(ByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
