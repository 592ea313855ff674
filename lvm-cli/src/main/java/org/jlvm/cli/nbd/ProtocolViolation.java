package org.jlvm.cli.nbd;

import java.io.IOException;

/** The client broke the protocol in a way that loses the stream: the connection is closed (a hard disconnect). */
final class ProtocolViolation extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolViolation(String message) {
        super(message);
    }
}
