package org.jlvm.cli.lvm.model;

import java.util.List;

/**
 * A {@code striped} segment; with one stripe it is a linear segment. {@code stripeSize} is in sectors and is 0
 * for a linear segment (lvm2 writes no {@code stripe_size} then). Each stripe holds
 * {@code extentCount / stripes.size()} physical extents.
 */
public record StripedSegment(long startExtent, long extentCount, long stripeSize, List<Stripe> stripes)
        implements Segment {
    /** One area: {@code "pvN", firstPe}. */
    public record Stripe(String pvName, long startPe) {
    }

    public StripedSegment {
        stripes = List.copyOf(stripes);
        if (stripes.isEmpty()) {
            throw new IllegalArgumentException("a striped segment needs at least one stripe");
        }
        if (stripes.size() > 1 && (stripeSize <= 0 || extentCount % stripes.size() != 0)) {
            throw new IllegalArgumentException("striped segment: " + stripes.size() + " stripes, stripe size "
                    + stripeSize + ", " + extentCount + " extents");
        }
    }

    public static StripedSegment linear(long startExtent, long extentCount, String pvName, long startPe) {
        return new StripedSegment(startExtent, extentCount, 0, List.of(new Stripe(pvName, startPe)));
    }

    @Override
    public String type() {
        return "striped";
    }
}
