package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A byte-addressed device: a file, a block device, a slice of one, a thin volume, a dedup volume.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li><b>Addressing.</b> Offsets and lengths are in bytes; {@code offset + length <= size()}, else
 *       {@link IllegalArgumentException}. Implementations may state stricter alignment (e.g. 512 or
 *       4096 bytes) in their own documentation.</li>
 *   <li><b>Visibility.</b> When {@link #write} returns, later reads from any thread see the data.</li>
 *   <li><b>Durability.</b> Data written is durable (survives a crash or power cut) only once a
 *       {@link #flush()} that <em>started after</em> the write returned has completed. Until then a crash
 *       may keep any subset of the un-flushed writes, sector by sector (512 bytes). A
 *       {@link #writeFua} write is durable when it returns (it may also make other writes durable).</li>
 *   <li><b>Concurrency.</b> All methods may be called from many threads at once. Concurrent writes to
 *       overlapping ranges leave each 512-byte sector holding one of the writes' data.</li>
 *   <li><b>Discard</b> is a hint: afterwards the range reads as zeroes or as its old content, until it is
 *       written again. {@link #writeZeroes} guarantees zeroes.</li>
 *   <li><b>Errors.</b> I/O failures are {@link IOException}s; a device that ran out of space throws
 *       {@link org.jlvm.pool.error.NoSpaceException}, a read-only one
 *       {@link org.jlvm.pool.error.ReadOnlyException}.</li>
 * </ul>
 */
public interface BlockDevice extends AutoCloseable {

    /** Size in bytes. May grow (resize) but never shrinks while open. */
    long size();

    /** Fills {@code dst} from its position to its limit with the bytes at {@code offset}. */
    void read(long offset, ByteBuffer dst) throws IOException;

    /** Writes {@code src} from its position to its limit at {@code offset}. */
    void write(long offset, ByteBuffer src) throws IOException;

    /** Makes every write that returned before this call durable. */
    void flush() throws IOException;

    /**
     * Write, and make this write durable before returning (Forced Unit Access): when it returns, the data
     * survives a crash without a later {@link #flush()}. Other un-flushed writes may or may not become
     * durable too. Default: {@link #write(long, ByteBuffer)} then {@link #flush()}; implementations may do
     * less work (e.g. skip write-back caches for this write only).
     */
    default void writeFua(long offset, ByteBuffer src) throws IOException {
        write(offset, src);
        flush();
    }

    /** Hints that a range is no longer used. Default: nothing. */
    default void discard(long offset, long length) throws IOException {
        checkRange(offset, length);
    }

    /** Makes the range read as zeroes. Default: writes zero buffers. */
    default void writeZeroes(long offset, long length) throws IOException {
        checkRange(offset, length);
        ByteBuffer zeroes = ByteBuffer.allocate((int) Math.min(length, 1 << 20));
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(zeroes.capacity(), length - done);
            zeroes.clear().limit(n);
            write(offset + done, zeroes);
            done += n;
        }
    }

    /** True when {@link #discard} can release space (e.g. punches holes). */
    default boolean supportsDiscard() {
        return false;
    }

    /**
     * True when a {@link #discard} that returned makes its whole range read as zeroes until written again (a
     * punched hole), so a user may skip zeroing discarded space. The zeroes are as durable as a write: after the
     * next {@link #flush()}. Default: false (discard is only a hint).
     */
    default boolean discardZeroes() {
        return false;
    }

    /** Convenience: reads {@code length} bytes at {@code offset} into a new array. */
    default byte[] read(long offset, int length) throws IOException {
        byte[] out = new byte[length];
        read(offset, ByteBuffer.wrap(out));
        return out;
    }

    /** Convenience: writes the whole array at {@code offset}. */
    default void write(long offset, byte[] data) throws IOException {
        write(offset, ByteBuffer.wrap(data));
    }

    /** Throws {@link IllegalArgumentException} unless {@code [offset, offset+length)} lies within the device. */
    default void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size() || offset + length < 0) {
            throw new IllegalArgumentException("range " + offset + "+" + length
                    + " is outside the device (size " + size() + ")");
        }
    }

    @Override
    void close() throws IOException;
}
