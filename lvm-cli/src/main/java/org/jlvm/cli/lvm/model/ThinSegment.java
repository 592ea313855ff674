package org.jlvm.cli.lvm.model;

import java.util.Objects;

/**
 * A {@code thin} segment: a thin LV in {@code thinPool} with {@code deviceId}; {@code origin} (a thin snapshot's
 * origin), {@code externalOrigin} and {@code merge} are null when absent.
 */
public record ThinSegment(long startExtent, long extentCount, String thinPool, long transactionId, long deviceId,
        String origin, String externalOrigin, String merge) implements Segment {
    public ThinSegment {
        Objects.requireNonNull(thinPool, "thin_pool");
    }

    @Override
    public String type() {
        return "thin";
    }
}
