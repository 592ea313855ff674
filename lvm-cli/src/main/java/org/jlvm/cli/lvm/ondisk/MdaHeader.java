package org.jlvm.cli.lvm.ondisk;

import java.util.Objects;

/**
 * The 512-byte header at the start of a metadata area: its own absolute {@code start}, the {@code size} of the
 * whole area (header included), the committed slot 0 and the precommit slot 1.
 */
public record MdaHeader(long start, long size, RawLocn committed, RawLocn precommitted) {
    public MdaHeader {
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(precommitted, "precommitted");
    }

    public static MdaHeader empty(long start, long size) {
        return new MdaHeader(start, size, RawLocn.EMPTY, RawLocn.EMPTY);
    }
}
