package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.Protocol.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encodes transmission replies: simple replies and structured reply chunks, as buffers ready to write. */
final class Replies {
    static final int SIMPLE_HEADER = 16;
    static final int CHUNK_HEADER = 20;
    private static final int MAX_MESSAGE = 4096;

    private Replies() {
    }

    static ByteBuffer simple(long cookie, int error) {
        return Wire.allocate(SIMPLE_HEADER).putInt(SIMPLE_REPLY_MAGIC).putInt(error).putLong(cookie).flip();
    }

    static ByteBuffer chunkHeader(long cookie, int flags, int type, int payloadLength) {
        return Wire.allocate(CHUNK_HEADER).putInt(STRUCTURED_REPLY_MAGIC).putShort((short) flags)
                .putShort((short) type).putLong(cookie).putInt(payloadLength).flip();
    }

    static ByteBuffer none(long cookie) {
        return chunkHeader(cookie, REPLY_FLAG_DONE, REPLY_TYPE_NONE, 0);
    }

    /** An error chunk that ends the reply. */
    static ByteBuffer error(long cookie, int code, String message) {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(m.length, MAX_MESSAGE);
        ByteBuffer b = Wire.allocate(CHUNK_HEADER + 6 + len);
        b.putInt(STRUCTURED_REPLY_MAGIC).putShort((short) REPLY_FLAG_DONE).putShort((short) REPLY_TYPE_ERROR)
                .putLong(cookie).putInt(6 + len).putInt(code).putShort((short) len).put(m, 0, len);
        return b.flip();
    }

    /** The header of an OFFSET_DATA chunk whose {@code length} data bytes follow in another buffer. */
    static ByteBuffer offsetDataHeader(long cookie, int flags, long offset, int length) {
        return Wire.allocate(CHUNK_HEADER + 8).putInt(STRUCTURED_REPLY_MAGIC).putShort((short) flags)
                .putShort((short) REPLY_TYPE_OFFSET_DATA).putLong(cookie).putInt(8 + length).putLong(offset).flip();
    }

    static ByteBuffer offsetHole(long cookie, int flags, long offset, int length) {
        return Wire.allocate(CHUNK_HEADER + 12).putInt(STRUCTURED_REPLY_MAGIC).putShort((short) flags)
                .putShort((short) REPLY_TYPE_OFFSET_HOLE).putLong(cookie).putInt(12).putLong(offset).putInt(length)
                .flip();
    }

    /** A BLOCK_STATUS chunk (DONE) for one context: {@code n} descriptors of (length, flags) pairs. */
    static ByteBuffer blockStatus(long cookie, int contextId, long[] lengths, int[] flags, int n) {
        ByteBuffer b = Wire.allocate(CHUNK_HEADER + 4 + 8 * n);
        b.putInt(STRUCTURED_REPLY_MAGIC).putShort((short) REPLY_FLAG_DONE).putShort((short) REPLY_TYPE_BLOCK_STATUS)
                .putLong(cookie).putInt(4 + 8 * n).putInt(contextId);
        for (int i = 0; i < n; i++) {
            b.putInt((int) lengths[i]).putInt(flags[i]);
        }
        return b.flip();
    }
}
