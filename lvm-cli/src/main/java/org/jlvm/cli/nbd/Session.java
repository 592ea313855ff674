package org.jlvm.cli.nbd;

/**
 * What the handshake settled for a connection's transmission phase.
 *
 * @param blockStatus {@code base:allocation} was selected for this export, so BLOCK_STATUS is allowed
 */
record Session(Export export, boolean structuredReplies, boolean blockStatus, int transmissionFlags) {

    /**
     * The transmission flags an export gets. {@code NBD_FLAG_CAN_MULTI_CONN}: every {@code BlockDevice}'s flush makes
     * all writes that returned durable, whichever connection made them, and the server keeps no cache of its own.
     */
    static int flagsFor(Export e, boolean structured) {
        int f = Protocol.TF_HAS_FLAGS | Protocol.TF_SEND_FLUSH | Protocol.TF_CAN_MULTI_CONN | Protocol.TF_SEND_CACHE;
        if (e.readOnly()) {
            f |= Protocol.TF_READ_ONLY;
        } else {
            f |= Protocol.TF_SEND_FUA | Protocol.TF_SEND_WRITE_ZEROES | Protocol.TF_SEND_FAST_ZERO;
            if (e.device().supportsDiscard()) {
                f |= Protocol.TF_SEND_TRIM;
            }
        }
        if (structured) {
            f |= Protocol.TF_SEND_DF;
        }
        return f;
    }
}
