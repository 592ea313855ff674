package org.jlvm.thin.pool;

/** What a discard to a thin volume does, as dm-thin's pool features {@code ignore_discard} / {@code no_discard_passdown}. */
public enum DiscardMode {
    /** Discards are ignored. */
    IGNORE,
    /** Whole data blocks are unmapped (and freed when no other device maps them); the data device is not told. */
    NOPASSDOWN,
    /**
     * As {@link #NOPASSDOWN}, and blocks that became free are discarded on the data device after the commit that
     * frees them (so a crash can never expose a discarded block through an older mapping).
     */
    PASSDOWN
}
