package org.jlvm.dedup.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintIndexTest {
    @Test
    void remembersUpdatesAndForgets() {
        FingerprintIndex idx = FingerprintIndex.withCapacity(1024);
        Fingerprint a = new Fingerprint(1, 2);
        assertEquals(0, idx.lookup(a));
        idx.put(a, 42);
        assertEquals(42, idx.lookup(a));
        idx.put(a, 43);
        assertEquals(43, idx.lookup(a));
        assertEquals(1, idx.entries());
        idx.remove(a, 42);
        assertEquals(43, idx.lookup(a), "remove of a stale location keeps the newer one");
        idx.remove(a, 43);
        assertEquals(0, idx.lookup(a));
        assertEquals(12, idx.bytesPerEntry());
        assertEquals(3, idx.hits());
        assertEquals(2, idx.misses());
    }

    @Test
    void boundedMemoryEvictsWhenFull() {
        long seed = 7;
        System.out.println("FingerprintIndexTest seed=" + seed);
        Random r = new Random(seed);
        FingerprintIndex idx = FingerprintIndex.withCapacity(4096);
        assertEquals(4096, idx.capacity());
        for (int i = 0; i < 20000; i++) {
            idx.put(new Fingerprint(r.nextLong(), r.nextLong()), i + 1);
        }
        assertTrue(idx.entries() <= 4096);
        assertTrue(idx.entries() > 3500, "a set-associative table should fill up: " + idx.entries());
        assertTrue(idx.evictions() >= 20000 - 4096);
        idx.clear();
        assertEquals(0, idx.entries());
    }
}
