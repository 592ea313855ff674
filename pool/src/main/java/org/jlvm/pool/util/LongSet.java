package org.jlvm.pool.util;

/** A set of longs without boxing (see {@link LongIntMap}). Not thread-safe. */
public final class LongSet {
    private final LongIntMap map = new LongIntMap();

    public boolean add(long v) {
        boolean had = map.containsKey(v);
        map.put(v, 1);
        return !had;
    }

    public boolean contains(long v) {
        return map.containsKey(v);
    }

    public boolean remove(long v) {
        return map.remove(v);
    }

    public int size() {
        return map.size();
    }

    public void clear() {
        map.clear();
    }

    public long[] toArray() {
        return map.keys();
    }
}
