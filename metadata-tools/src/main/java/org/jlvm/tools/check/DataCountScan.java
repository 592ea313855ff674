package org.jlvm.tools.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import org.jlvm.pool.util.LongIntMap;
import org.jlvm.tools.ir.Blocks;
import org.jlvm.tools.ir.Cancellation;
import org.jlvm.tools.ir.MetadataFile;

/**
 * The data space map's stored counts (bitmaps merged with the overflow entries) against the expected ones: the
 * bitmaps are split in two ranges, the second compared on another thread, and the findings joined in block
 * order, so the outcome is the one a single pass gives.
 */
final class DataCountScan {
    /** The findings of one range of bitmaps (at most {@link Checker#MAX_EXAMPLES} examples of each kind). */
    record Findings(long strays, long nLeaked, List<Damage.DataCount> leaked, long nLow, List<Damage.DataCount> low,
            LongIntMap leaks) {
    }

    /** Below this many bitmaps one thread does it all. */
    private static final long SPLIT_FROM = 16;

    private final MetadataFile f;
    private final ExpectedDataCounts expected;
    private final boolean collectLeaks;
    private final long[] overflowKeys;
    private final int[] overflowValues;
    private final int nOverflow;
    private final Map<Long, Long> bitmaps;
    /** Checked before each bitmap (the second range's thread inherits it). */
    private final Cancellation cancellation = Cancellation.current();

    /**
     * @param overflowKeys the overflow tree's keys in order, {@code overflowValues} their counts
     * @param bitmaps bitmap index to bitmap block
     * @param collectLeaks whether to collect every leaked block with its expected count (--auto-repair)
     */
    DataCountScan(MetadataFile f, ExpectedDataCounts expected, long[] overflowKeys, int[] overflowValues,
            int nOverflow, Map<Long, Long> bitmaps, boolean collectLeaks) {
        this.f = f;
        this.expected = expected;
        this.overflowKeys = overflowKeys;
        this.overflowValues = overflowValues;
        this.nOverflow = nOverflow;
        this.bitmaps = bitmaps;
        this.collectLeaks = collectLeaks;
    }

    /** Compares every data block (on two threads if {@code concurrent}); the first unreadable bitmap ends it. */
    Findings run(boolean concurrent) throws Blocks.BadBlock {
        long nrBitmaps = (expected.length() + Checker.PER_BITMAP - 1) / Checker.PER_BITMAP;
        if (!concurrent || nrBitmaps < SPLIT_FROM) {
            return scan(0, nrBitmaps);
        }
        long mid = nrBitmaps / 2;
        FutureTask<Findings> second = new FutureTask<>(() -> scan(mid, nrBitmaps));
        Thread t = new Thread(second, "check-data-space-map");
        t.setDaemon(true);
        t.start();
        Findings first;
        try {
            first = scan(0, mid);
        } finally {
            join(t);
        }
        return join(first, result(second));
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Findings result(FutureTask<Findings> task) throws Blocks.BadBlock {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Blocks.BadBlock b) {
                throw b;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Findings join(Findings a, Findings b) {
        LongIntMap leaks = a.leaks();
        for (long k : b.leaks().keys()) {
            leaks.put(k, b.leaks().get(k, 0));
        }
        return new Findings(a.strays() + b.strays(), a.nLeaked() + b.nLeaked(), examples(a.leaked(), b.leaked()),
                a.nLow() + b.nLow(), examples(a.low(), b.low()), leaks);
    }

    private static List<Damage.DataCount> examples(List<Damage.DataCount> a, List<Damage.DataCount> b) {
        List<Damage.DataCount> all = new ArrayList<>(a);
        all.addAll(b);
        return all.size() <= Checker.MAX_EXAMPLES ? all : List.copyOf(all.subList(0, Checker.MAX_EXAMPLES));
    }

    /** The bitmaps [from, to). */
    private Findings scan(long from, long to) throws Blocks.BadBlock {
        Range r = new Range(firstOverflowAtOrAfter(from * Checker.PER_BITMAP));
        long nrData = expected.length();
        for (long i = from; i < to; i++) {
            cancellation.check();
            Long loc = bitmaps.get(i);
            byte[] bm = loc == null ? null : Blocks.bitmap(f, loc);
            long base = i * Checker.PER_BITMAP;
            for (int q = 0; q < Checker.PER_BITMAP / 4; q++) {
                long b = base + 4L * q;
                if (b >= nrData) {
                    break;
                }
                // Most groups of four blocks match exactly and have no overflow entry: one comparison for the four.
                if (b + 4 <= nrData && r.noOverflowBelow(b + 4)) {
                    int want = expected.bitmapByte(b);
                    if (want == (bm == null ? 0 : bm[16 + q] & 0xFF)) {
                        continue;
                    }
                }
                for (int j = 4 * q; j < 4 * q + 4; j++) {
                    if (base + j >= nrData) {
                        break;
                    }
                    r.compare(base + j, bm == null ? -1 : (bm[16 + j / 4] >> (2 * (j % 4))) & 3);
                }
            }
        }
        return new Findings(r.strays, r.nLeaked, r.leaked, r.nLow, r.low, r.leaks);
    }

    /** The state of one range's comparison. */
    private final class Range {
        private int oi;
        private long strays;
        private long nLeaked;
        private long nLow;
        private final List<Damage.DataCount> leaked = new ArrayList<>();
        private final List<Damage.DataCount> low = new ArrayList<>();
        private final LongIntMap leaks = new LongIntMap();

        Range(int firstOverflow) {
            this.oi = firstOverflow;
        }

        /** Whether the next overflow key (at or after the blocks compared so far) is at least {@code end}. */
        boolean noOverflowBelow(long end) {
            return oi >= nOverflow || Long.compareUnsigned(overflowKeys[oi], end) >= 0;
        }

        /** Block {@code b} with its bitmap entry {@code bits} (-1: no bitmap). */
        void compare(long b, int bits) {
            long actual = 0;
            boolean stray = false;
            if (bits >= 0) {
                while (oi < nOverflow && Long.compareUnsigned(overflowKeys[oi], b) < 0) {
                    oi++;
                }
                boolean inTree = oi < nOverflow && overflowKeys[oi] == b;
                if (bits == 3) {
                    actual = inTree ? Integer.toUnsignedLong(overflowValues[oi]) : 3;
                } else {
                    actual = bits == 0 ? 0 : bits == 2 ? 1 : 2;
                    stray = inTree;
                }
            }
            long exp = expected.get(b);
            if (stray && actual == exp) {
                strays++; // a count in the tree for a block whose bitmap entry is right, but below 3
            }
            if (actual > exp) {
                if (collectLeaks && exp <= 2) {
                    leaks.put(b, (int) exp);
                }
                if (nLeaked++ < Checker.MAX_EXAMPLES) {
                    leaked.add(new Damage.DataCount(b, exp, actual));
                }
            } else if (actual < exp) {
                if (nLow++ < Checker.MAX_EXAMPLES) {
                    low.add(new Damage.DataCount(b, exp, actual));
                }
            }
        }
    }

    /** The index of the first overflow key not below {@code block} (unsigned order, as the tree keeps them). */
    private int firstOverflowAtOrAfter(long block) {
        int lo = 0;
        int hi = nOverflow;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (Long.compareUnsigned(overflowKeys[m], block) < 0) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }
}
