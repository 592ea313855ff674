package org.jlvm.cli.nbd;

import java.io.IOException;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.error.ReadOnlyException;

/** The one mapping from what a device threw to an NBD error value and a message for the client. */
final class NbdErrors {
    private NbdErrors() {
    }

    /** An NBD error value with a human-readable message (at most 4096 bytes once encoded). */
    record NbdError(int code, String message) {
    }

    static NbdError of(Throwable t) {
        int code;
        if (t instanceof NoSpaceException) {
            code = Protocol.ENOSPC;
        } else if (t instanceof ReadOnlyException) {
            code = Protocol.EPERM;
        } else if (t instanceof IllegalArgumentException) {
            code = Protocol.EINVAL;
        } else if (t instanceof UnsupportedOperationException) {
            code = Protocol.ENOTSUP;
        } else if (t instanceof OutOfMemoryError) {
            code = Protocol.ENOMEM;
        } else if (t instanceof IOException) {
            code = Protocol.EIO;
        } else {
            code = Protocol.EIO;
        }
        String msg = t.getMessage();
        return new NbdError(code, msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg);
    }
}
