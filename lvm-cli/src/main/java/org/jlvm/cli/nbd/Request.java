package org.jlvm.cli.nbd;

import java.nio.ByteBuffer;

/** One transmission-phase request header. {@code offset} is unsigned on the wire; {@code length} is unsigned 32-bit. */
record Request(int magic, int flags, int type, long cookie, long offset, long length) {

    static Request decode(ByteBuffer header) {
        return new Request(header.getInt(), Short.toUnsignedInt(header.getShort()),
                Short.toUnsignedInt(header.getShort()), header.getLong(), header.getLong(),
                Integer.toUnsignedLong(header.getInt()));
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return Protocol.commandName(type) + " flags=0x" + Integer.toHexString(flags) + " offset="
                + Long.toUnsignedString(offset) + " length=" + length;
    }
}
