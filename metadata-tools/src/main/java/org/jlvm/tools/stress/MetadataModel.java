package org.jlvm.tools.stress;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the pool metadata should contain: devices and their mappings (virtual block → data block), the
 * transaction id and whether a metadata snapshot is held. An undo log returns it to the last commit
 * after a simulated crash or an abort, without copying the whole model at every commit.
 */
final class MetadataModel {
    final TreeMap<Long, TreeMap<Long, Long>> devices = new TreeMap<>();
    long transactionId;
    boolean metadataSnapHeld;
    private final Deque<Runnable> undo = new ArrayDeque<>();

    void createThin(long dev) {
        devices.put(dev, new TreeMap<>());
        undo.push(() -> devices.remove(dev));
    }

    void snapshot(long dev, long origin) {
        devices.put(dev, new TreeMap<>(devices.get(origin)));
        undo.push(() -> devices.remove(dev));
    }

    void delete(long dev) {
        TreeMap<Long, Long> old = devices.remove(dev);
        undo.push(() -> devices.put(dev, old));
    }

    void map(long dev, long vblock, long data) {
        TreeMap<Long, Long> m = devices.get(dev);
        Long old = m.put(vblock, data);
        undo.push(() -> {
            if (old == null) {
                m.remove(vblock);
            } else {
                m.put(vblock, old);
            }
        });
    }

    void unmap(long dev, long vblock) {
        TreeMap<Long, Long> m = devices.get(dev);
        Long old = m.remove(vblock);
        if (old != null) {
            undo.push(() -> m.put(vblock, old));
        }
    }

    void setTransactionId(long t) {
        long old = transactionId;
        transactionId = t;
        undo.push(() -> transactionId = old);
    }

    void setSnapHeld(boolean held) {
        boolean old = metadataSnapHeld;
        metadataSnapHeld = held;
        undo.push(() -> metadataSnapHeld = old);
    }

    void commit() {
        undo.clear();
    }

    /** A copy of the current state (without undo history), committed. */
    MetadataModel copy() {
        MetadataModel c = new MetadataModel();
        devices.forEach((d, m) -> c.devices.put(d, new TreeMap<>(m)));
        c.transactionId = transactionId;
        c.metadataSnapHeld = metadataSnapHeld;
        return c;
    }

    /** Becomes {@code other}'s state, committed. */
    void become(MetadataModel other) {
        undo.clear();
        devices.clear();
        other.devices.forEach((d, m) -> devices.put(d, new TreeMap<>(m)));
        transactionId = other.transactionId;
        metadataSnapHeld = other.metadataSnapHeld;
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    long totalMappings() {
        long n = 0;
        for (Map<Long, Long> m : devices.values()) {
            n += m.size();
        }
        return n;
    }

    Set<Long> distinctDataBlocks() {
        Set<Long> s = new HashSet<>();
        for (Map<Long, Long> m : devices.values()) {
            s.addAll(m.values());
        }
        return s;
    }
}
