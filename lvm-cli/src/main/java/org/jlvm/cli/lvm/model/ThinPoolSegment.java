package org.jlvm.cli.lvm.model;

import java.util.List;
import java.util.Objects;

/**
 * A {@code thin-pool} segment. {@code chunkSize} in sectors; {@code discards} is {@code ignore},
 * {@code nopassdown} or {@code passdown}; {@code cropMetadata} is null when lvm2 writes none; {@code messages}
 * are the pending pool messages ({@code message1 { create = "lv" }} or {@code delete = id}).
 */
public record ThinPoolSegment(long startExtent, long extentCount, String metadataLv, String poolLv,
        long transactionId, long chunkSize, String discards, boolean zeroNewBlocks, Integer cropMetadata,
        List<Message> messages) implements Segment {
    /** A pending message: either {@code create} (an LV name) or {@code delete} (a device id). */
    public record Message(String create, Long delete) {
        public Message {
            if ((create == null) == (delete == null)) {
                throw new IllegalArgumentException("a thin pool message is either create or delete");
            }
        }
    }

    public ThinPoolSegment {
        Objects.requireNonNull(metadataLv, "metadata");
        Objects.requireNonNull(poolLv, "pool");
        if (!List.of("ignore", "nopassdown", "passdown").contains(discards)) {
            throw new IllegalArgumentException("thin pool discards '" + discards + "' is not ignore, nopassdown or passdown");
        }
        messages = List.copyOf(messages);
    }

    @Override
    public String type() {
        return "thin-pool";
    }
}
