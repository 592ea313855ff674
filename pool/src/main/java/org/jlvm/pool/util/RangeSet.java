package org.jlvm.pool.util;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of longs kept as disjoint, non-touching half-open runs {@code [start, end)}: memory grows with the number of
 * runs, not their length. Not thread-safe.
 */
public final class RangeSet {
    /** Visits one run (or the part of it inside a window). */
    @FunctionalInterface
    public interface RunVisitor<E extends Exception> {
        void visit(long start, long end) throws E;
    }

    private final TreeMap<Long, Long> runs = new TreeMap<>();

    /** Adds {@code [start, end)}; nothing when empty. */
    public void add(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = runs.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = runs.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            runs.remove(next.getKey());
            next = runs.higherEntry(next.getKey());
        }
        runs.put(start, end);
    }

    /** Removes {@code [start, end)}; runs that overlap it are cut. */
    public void remove(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> e = runs.lowerEntry(end);
        while (e != null && e.getValue() > start) {
            long s = e.getKey();
            long en = e.getValue();
            runs.remove(s);
            if (en > end) {
                runs.put(end, en);
            }
            if (s < start) {
                runs.put(s, start);
                break;
            }
            e = runs.lowerEntry(s);
        }
    }

    public boolean contains(long x) {
        Map.Entry<Long, Long> e = runs.floorEntry(x);
        return e != null && e.getValue() > x;
    }

    /** True when some element lies in {@code [start, end)}. */
    public boolean intersects(long start, long end) {
        if (start >= end) {
            return false;
        }
        Map.Entry<Long, Long> e = runs.lowerEntry(end);
        return e != null && e.getValue() > start;
    }

    /** Visits, in ascending order, the parts of runs inside {@code [start, end)}. */
    public <E extends Exception> void forEachIn(long start, long end, RunVisitor<E> v) throws E {
        Map.Entry<Long, Long> first = runs.floorEntry(start);
        long from = first != null && first.getValue() > start ? first.getKey() : start;
        for (Map.Entry<Long, Long> e : runs.subMap(from, true, end, false).entrySet()) {
            long s = Math.max(e.getKey(), start);
            long en = Math.min(e.getValue(), end);
            if (s < en) {
                v.visit(s, en);
            }
        }
    }

    /** Visits every run in ascending order. */
    public <E extends Exception> void forEach(RunVisitor<E> v) throws E {
        for (Map.Entry<Long, Long> e : runs.entrySet()) {
            v.visit(e.getKey(), e.getValue());
        }
    }

    /** Number of runs. */
    public int runs() {
        return runs.size();
    }

    /** Number of elements. */
    public long cardinality() {
        long n = 0;
        for (Map.Entry<Long, Long> e : runs.entrySet()) {
            n += e.getValue() - e.getKey();
        }
        return n;
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    public void clear() {
        runs.clear();
    }
}
