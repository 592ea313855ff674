package org.jlvm.pool.util;

import java.util.Arrays;

/**
 * A set of longs kept as disjoint, non-touching half-open runs {@code [start, end)} in two sorted primitive arrays:
 * memory grows with the number of runs, not their length, and lookups allocate nothing. Adding or removing in the
 * middle shifts the arrays (cheap for the few thousand runs its users keep). Not thread-safe.
 */
public final class RangeSet {
    /** Visits one run (or the part of it inside a window). */
    @FunctionalInterface
    public interface RunVisitor<E extends Exception> {
        void visit(long start, long end) throws E;
    }

    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int size;

    /** Index of the last run starting at or before {@code x}, or -1. */
    private int floor(long x) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Replaces runs {@code [from, to)} by {@code count} (0..2) slots, returning the first slot's index. */
    private int splice(int from, int to, int count) {
        int newSize = size - (to - from) + count;
        if (newSize > starts.length) {
            int cap = Math.max(newSize, starts.length * 2);
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
        }
        System.arraycopy(starts, to, starts, from + count, size - to);
        System.arraycopy(ends, to, ends, from + count, size - to);
        size = newSize;
        return from;
    }

    /** Adds {@code [start, end)}; nothing when empty. */
    public void add(long start, long end) {
        if (start >= end) {
            return;
        }
        // Runs i..j-1 touch or overlap the new one and merge with it.
        int i = floor(start);
        if (i < 0 || ends[i] < start) {
            i++;
        }
        int j = floor(end) + 1;
        if (i < j) {
            start = Math.min(start, starts[i]);
            end = Math.max(end, ends[j - 1]);
        }
        int at = splice(i, j, 1);
        starts[at] = start;
        ends[at] = end;
    }

    /** Removes {@code [start, end)}; runs that overlap it are cut. */
    public void remove(long start, long end) {
        if (start >= end) {
            return;
        }
        int i = floor(start);
        if (i < 0 || ends[i] <= start) {
            i++;
        }
        int j = floor(end - 1) + 1; // runs i..j-1 overlap the range
        if (i >= j) {
            return;
        }
        long headStart = starts[i];
        long tailEnd = ends[j - 1];
        boolean head = headStart < start;
        boolean tail = tailEnd > end;
        int at = splice(i, j, (head ? 1 : 0) + (tail ? 1 : 0));
        if (head) {
            starts[at] = headStart;
            ends[at] = start;
            at++;
        }
        if (tail) {
            starts[at] = end;
            ends[at] = tailEnd;
        }
    }

    public boolean contains(long x) {
        int i = floor(x);
        return i >= 0 && ends[i] > x;
    }

    /** True when some element lies in {@code [start, end)}. */
    public boolean intersects(long start, long end) {
        if (start >= end) {
            return false;
        }
        int i = floor(end - 1);
        return i >= 0 && ends[i] > start;
    }

    /** Visits, in ascending order, the parts of runs inside {@code [start, end)}. */
    public <E extends Exception> void forEachIn(long start, long end, RunVisitor<E> v) throws E {
        int i = floor(start);
        if (i < 0) {
            i = 0;
        }
        for (; i < size && starts[i] < end; i++) {
            long s = Math.max(starts[i], start);
            long e = Math.min(ends[i], end);
            if (s < e) {
                v.visit(s, e);
            }
        }
    }

    /** Visits every run in ascending order. */
    public <E extends Exception> void forEach(RunVisitor<E> v) throws E {
        for (int i = 0; i < size; i++) {
            v.visit(starts[i], ends[i]);
        }
    }

    /** Number of runs. */
    public int runs() {
        return size;
    }

    /** Number of elements. */
    public long cardinality() {
        long n = 0;
        for (int i = 0; i < size; i++) {
            n += ends[i] - starts[i];
        }
        return n;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        size = 0;
        if (starts.length > 1024) {
            starts = new long[8];
            ends = new long[8];
        }
    }
}
