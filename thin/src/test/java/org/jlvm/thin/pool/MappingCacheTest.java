package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.jlvm.thin.format.BlockTime;
import org.junit.jupiter.api.Test;

class MappingCacheTest {
    @Test
    void answersAreNeverStaleUnderRandomPutsAndDrops() {
        long seed = System.nanoTime();
        System.out.println("MappingCacheTest seed " + seed);
        Random r = new Random(seed);
        MappingCache c = new MappingCache(64); // 16 sets of 4: plenty of evictions
        Map<Long, BlockTime> truth = new HashMap<>();
        int hits = 0;
        for (int op = 0; op < 200_000; op++) {
            long gate = 1 + r.nextInt(3);
            long vb = r.nextInt(100);
            long key = gate * 1000 + vb;
            switch (r.nextInt(4)) {
                case 0 -> { // a remap
                    BlockTime bt = new BlockTime(r.nextInt(1 << 20), r.nextInt(50));
                    truth.put(key, bt);
                    c.put(gate, vb, bt, c.generation());
                }
                case 1 -> { // an unmap
                    truth.remove(key);
                    c.drop(gate, vb);
                }
                default -> {
                    BlockTime got = c.get(gate, vb);
                    if (got == null) { // a miss: fill from the truth, as a lookup does
                        c.put(gate, vb, truth.get(key), c.generation());
                    } else {
                        hits++;
                        assertEquals(truth.getOrDefault(key, MappingCache.UNMAPPED), got, "seed " + seed + " op " + op);
                    }
                }
            }
        }
        System.out.println("MappingCacheTest hits " + hits);
        assertEquals(true, hits > 10_000, "a 4-way cache of 64 entries hits often on 300 keys");
    }

    @Test
    void invalidateAllHidesEveryEntryEvenOneFilledByAnOlderLookup() {
        MappingCache c = new MappingCache(1024);
        c.put(1, 5, new BlockTime(77, 1), c.generation());
        long before = c.generation();
        c.invalidateAll();
        assertNull(c.get(1, 5));
        c.put(1, 6, new BlockTime(78, 1), before); // a lookup that started before the abort
        assertNull(c.get(1, 6));
        c.put(1, 6, null, c.generation());
        assertSame(MappingCache.UNMAPPED, c.get(1, 6));
    }

    @Test
    void keysInOneSetAllStayUntilTheSetIsFull() {
        MappingCache c = new MappingCache(4); // one set
        for (int vb = 0; vb < 4; vb++) {
            c.put(9, vb, new BlockTime(vb, 0), c.generation());
        }
        for (int vb = 0; vb < 4; vb++) {
            assertEquals(vb, c.get(9, vb).block());
        }
        c.put(9, 2, new BlockTime(200, 3), c.generation());
        assertEquals(new BlockTime(200, 3), c.get(9, 2), "a new mapping replaces the old in place");
        c.put(9, 4, new BlockTime(4, 0), c.generation());
        int present = 0;
        for (int vb = 0; vb <= 4; vb++) {
            present += c.get(9, vb) == null ? 0 : 1;
        }
        assertEquals(4, present, "a fifth key evicts exactly one");
        assertThrows(IllegalArgumentException.class, () -> new MappingCache(6));
    }
}
