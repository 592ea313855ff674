package org.jlvm.cli.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.lvm.vg.LvmError;

/** One connection to the daemon's control socket: a request, its reply, in turn. */
final class ControlClient implements AutoCloseable {
    private final SocketChannel channel;

    private ControlClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects; an {@link IOException} when nobody listens there. */
    static ControlClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new ControlClient(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Sends {@code request}; returns an {@code ok} reply, throws the daemon's error as the command's own. */
    ControlMessage call(ControlMessage request) throws IOException {
        ControlWire.write(channel, request);
        ControlMessage reply = ControlWire.read(channel);
        if (ControlProtocol.ERROR.equals(reply.verb())) {
            if (reply.get("retry").isPresent()) {
                throw new StoppingException();
            }
            List<String> lines = reply.all("line");
            throw LvmError.failed(lines.isEmpty() ? new String[] {"jlvm daemon: request failed."}
                    : lines.toArray(new String[0]));
        }
        if (!ControlProtocol.OK.equals(reply.verb())) {
            throw new ControlMessage.ProtocolException("unexpected control reply " + reply.verb());
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The daemon is stopping (nothing was active): ask a new one. */
    static final class StoppingException extends IOException {
        private static final long serialVersionUID = 1L;

        StoppingException() {
            super("the jlvm daemon is stopping");
        }
    }
}
