package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.Protocol.*;

/**
 * The one gate every transmission request passes before anything touches the device: magic, command, flags valid
 * for the command and the negotiated features, read-only, range within the export, payload limit, alignment.
 * Stateless apart from what the handshake settled; thread-confined to the connection's reader.
 */
final class RequestValidator {

    /** What to do with a request: run it, answer it with an error, or close the connection (stream lost). */
    record Verdict(int error, String message, boolean fatal) {
        static final Verdict OK = new Verdict(0, "", false);

        boolean ok() {
            return error == 0 && !fatal;
        }

        static Verdict error(int code, String message) {
            return new Verdict(code, message, false);
        }

        static Verdict fatal(String message) {
            return new Verdict(EINVAL, message, true);
        }
    }

    private final Session session;
    private final int maxPayload;

    RequestValidator(Session session, int maxPayload) {
        this.session = session;
        this.maxPayload = maxPayload;
    }

    Verdict check(Request r) {
        if (r.magic() != REQUEST_MAGIC) {
            return Verdict.fatal("bad request magic 0x" + Integer.toHexString(r.magic()));
        }
        if (r.type() == CMD_WRITE && r.length() > maxPayload) {
            // Its payload cannot be skipped safely; the stream is lost.
            return Verdict.fatal("WRITE of " + r.length() + " bytes exceeds the maximum payload " + maxPayload);
        }
        if (r.type() > CMD_BLOCK_STATUS) {
            return Verdict.error(EINVAL, "unknown command " + r.type());
        }
        Verdict flags = checkFlags(r);
        if (!flags.ok()) {
            return flags;
        }
        boolean writes = r.type() == CMD_WRITE || r.type() == CMD_TRIM || r.type() == CMD_WRITE_ZEROES;
        if (writes && session.export().readOnly()) {
            return Verdict.error(EPERM, "export '" + session.export().name() + "' is read-only");
        }
        return switch (r.type()) {
            case CMD_DISC -> Verdict.OK;
            case CMD_FLUSH -> r.offset() != 0 || r.length() != 0
                    ? Verdict.error(EINVAL, "FLUSH must have offset and length 0") : Verdict.OK;
            case CMD_TRIM -> (session.transmissionFlags() & TF_SEND_TRIM) == 0
                    ? Verdict.error(EINVAL, "TRIM is not supported by this export") : checkRange(r);
            case CMD_BLOCK_STATUS -> checkBlockStatus(r);
            default -> checkRange(r);
        };
    }

    private Verdict checkFlags(Request r) {
        int allowed = (session.transmissionFlags() & TF_SEND_FUA) != 0 ? CMD_FLAG_FUA : 0;
        switch (r.type()) {
            case CMD_READ -> allowed |= session.structuredReplies() ? CMD_FLAG_DF : 0;
            case CMD_WRITE_ZEROES -> allowed |= CMD_FLAG_NO_HOLE | CMD_FLAG_FAST_ZERO;
            case CMD_BLOCK_STATUS -> allowed |= CMD_FLAG_REQ_ONE;
            default -> {
            }
        }
        int bad = r.flags() & ~allowed;
        return bad == 0 ? Verdict.OK
                : Verdict.error(EINVAL, "flags 0x" + Integer.toHexString(bad) + " are not valid for "
                        + Protocol.commandName(r.type()));
    }

    private Verdict checkBlockStatus(Request r) {
        if (!session.blockStatus()) {
            return Verdict.error(EINVAL, "BLOCK_STATUS needs base:allocation selected with NBD_OPT_SET_META_CONTEXT");
        }
        if (r.length() == 0) {
            return Verdict.error(EINVAL, "BLOCK_STATUS of length 0");
        }
        return checkRange(r);
    }

    private Verdict checkRange(Request r) {
        long size = session.export().device().size();
        long off = r.offset();
        if (off < 0 || off > size || r.length() > size - off) {
            int code = r.type() == CMD_WRITE || r.type() == CMD_WRITE_ZEROES ? ENOSPC : EINVAL;
            return Verdict.error(code, "range " + Long.toUnsignedString(off) + "+" + r.length()
                    + " is outside the export (size " + size + ")");
        }
        if (r.type() == CMD_READ && r.length() > maxPayload) {
            return Verdict.error(EINVAL, "READ of " + r.length() + " bytes exceeds the maximum payload " + maxPayload);
        }
        int min = session.export().minBlockSize();
        if (min > 1 && (off % min != 0 || r.length() % min != 0)) {
            return Verdict.error(EINVAL, "range " + off + "+" + r.length() + " is not aligned to the minimum block size "
                    + min);
        }
        return Verdict.OK;
    }
}
