package org.jlvm.dedup;

import java.util.concurrent.atomic.LongAdder;

/** Event counters of a {@link DedupDevice} (the rest of the statistics are derived from its state). */
final class Counters {
    final LongAdder writes = new LongAdder();
    final LongAdder reads = new LongAdder();
    final LongAdder zeroBlocks = new LongAdder();
    final LongAdder adviceValid = new LongAdder();
    final LongAdder adviceStale = new LongAdder();
    final LongAdder concurrentMatches = new LongAdder();
    final LongAdder rollovers = new LongAdder();
    final LongAdder rawBlocks = new LongAdder();
    final LongAdder discarded = new LongAdder();
    final LongAdder noSpace = new LongAdder();
    final LongAdder readOnlyErrors = new LongAdder();
    final LongAdder verifyCacheHits = new LongAdder();
    final LongAdder fuaWrites = new LongAdder();
}
