package org.jlvm.cli.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The control protocol's framing. A frame is a 4-byte big-endian length (1 .. {@link #MAX_FRAME}) and that many
 * bytes of UTF-8 text: the verb on the first line, then one {@code key=value} per line. One request frame, one
 * reply frame; a connection may carry several in turn.
 */
final class ControlWire {
    /** The largest frame either side accepts. */
    static final int MAX_FRAME = 1 << 20;

    private ControlWire() {
    }

    static void write(WritableByteChannel ch, ControlMessage m) throws IOException {
        StringBuilder b = new StringBuilder(m.verb());
        for (String[] f : m.fields()) {
            if (f[0].indexOf('=') >= 0 || (f[0] + f[1]).indexOf('\n') >= 0) {
                throw new IllegalArgumentException("control field " + f[0] + " holds '=' in its key or a line break");
            }
            b.append('\n').append(f[0]).append('=').append(f[1]);
        }
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length > MAX_FRAME) {
            throw new IOException("control message of " + body.length + " bytes exceeds " + MAX_FRAME);
        }
        ByteBuffer buf = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** The next frame; {@link EOFException} when the peer closed before one started. */
    static ControlMessage read(ReadableByteChannel ch) throws IOException {
        ByteBuffer len = readFully(ch, 4, true);
        int n = len.getInt();
        if (n < 1 || n > MAX_FRAME) {
            throw new ControlMessage.ProtocolException("control frame length " + n + " is not in 1.." + MAX_FRAME);
        }
        ByteBuffer body = readFully(ch, n, false);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(body).toString();
        } catch (CharacterCodingException e) {
            throw new ControlMessage.ProtocolException("control frame is not UTF-8");
        }
        String[] lines = text.split("\n", -1);
        List<String[]> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq <= 0) {
                throw new ControlMessage.ProtocolException("control field line " + i + " has no key=value");
            }
            fields.add(new String[] {lines[i].substring(0, eq), lines[i].substring(eq + 1)});
        }
        return new ControlMessage(lines[0], fields);
    }

    private static ByteBuffer readFully(ReadableByteChannel ch, int n, boolean atStart) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException(atStart && b.position() == 0 ? "control connection closed"
                        : "control connection closed inside a frame");
            }
        }
        return b.flip();
    }
}
