package org.jlvm.pool.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeSetTest {
    @Test
    void matchesABitSetUnderRandomAddsAndRemoves() {
        long seed = System.nanoTime();
        System.out.println("RangeSetTest seed " + seed);
        Random r = new Random(seed);
        RangeSet set = new RangeSet();
        BitSet model = new BitSet();
        int universe = 2000;
        for (int op = 0; op < 20_000; op++) {
            int a = r.nextInt(universe);
            int b = a + r.nextInt(r.nextBoolean() ? 5 : 200);
            if (r.nextInt(3) == 0) {
                set.remove(a, b);
                model.clear(a, b);
            } else {
                set.add(a, b);
                model.set(a, b);
            }
            if (op % 97 == 0) {
                check(set, model, universe + 200, "seed " + seed + " op " + op);
            }
        }
        check(set, model, universe + 200, "seed " + seed);
    }

    private static void check(RangeSet set, BitSet model, int universe, String why) {
        for (int i = 0; i < universe; i++) {
            assertEquals(model.get(i), set.contains(i), why + " element " + i);
        }
        assertEquals(model.cardinality(), set.cardinality(), why);
        List<long[]> runs = new ArrayList<>();
        set.forEach((s, e) -> runs.add(new long[] {s, e}));
        for (int i = 1; i < runs.size(); i++) {
            assertTrue(runs.get(i - 1)[1] < runs.get(i)[0], why + ": runs are disjoint and do not touch");
        }
        assertEquals(runs.size(), set.runs(), why);
        // A window: the visited parts are exactly the model's elements in it.
        BitSet seen = new BitSet();
        set.forEachIn(300, 900, (s, e) -> seen.set((int) s, (int) e));
        assertEquals(model.get(300, 900), seen.get(300, 900), why);
        assertEquals(seen.cardinality(), model.get(300, 900).cardinality(), why);
        assertEquals(!model.get(300, 900).isEmpty(), set.intersects(300, 900), why);
    }
}
