package org.jlvm.pool.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.sm.disk.DiskSpaceMap;
import org.jlvm.pool.sm.disk.MetadataSpaceMap;
import org.jlvm.pool.testing.MetadataFixture;
import org.junit.jupiter.api.Test;

/** Seeded random inc/dec/allocate on the data space map against a model, with commits and reopen. */
class SpaceMapModelTest {

    @Test
    void dataSpaceMapAgainstModel() throws IOException {
        long seed = System.nanoTime();
        System.out.println("SpaceMapModelTest seed=" + seed);
        Random r = new Random(seed);
        MetadataFixture f = MetadataFixture.inMemory(20_000);
        long nr = 40_000; // three bitmaps
        DiskSpaceMap data = DiskSpaceMap.format(f.tm, nr);
        Map<Long, Long> model = new HashMap<>();
        Set<Long> freedThisTx = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            int p = r.nextInt(100);
            if (p < 40 || model.isEmpty()) {
                long b = data.newBlock();
                assertFalse(freedThisTx.contains(b), "seed " + seed + ": block " + b + " reused before commit");
                assertEquals(null, model.put(b, 1L), "seed " + seed + ": allocated a used block " + b);
            } else if (p < 70) {
                long b = randomKey(model, r);
                data.inc(b);
                model.merge(b, 1L, Long::sum);
            } else if (p < 97) {
                long b = randomKey(model, r);
                data.dec(b);
                if (model.merge(b, -1L, Long::sum) == 0) {
                    model.remove(b);
                    freedThisTx.add(b);
                }
            } else {
                data.commit();
                f.commit();
                data.committed();
                freedThisTx.clear();
            }
        }
        assertEquals(model.size(), data.nrAllocated(), "seed " + seed);
        for (long b = 0; b < nr; b++) {
            assertEquals((long) model.getOrDefault(b, 0L), data.count(b), "seed " + seed + " block " + b);
        }
        // Reopen from the committed roots: counts survive, overflow entries included.
        var root = data.commit();
        f.commit();
        DiskSpaceMap again = DiskSpaceMap.open(f.tm, root);
        for (long b = 0; b < nr; b++) {
            assertEquals((long) model.getOrDefault(b, 0L), again.count(b), "seed " + seed + " reopened block " + b);
        }
    }

    private static long randomKey(Map<Long, Long> m, Random r) {
        int skip = r.nextInt(Math.min(m.size(), 64));
        for (long k : m.keySet()) {
            if (skip-- == 0) {
                return k;
            }
        }
        return m.keySet().iterator().next();
    }

    @Test
    void runsOutOfSpaceWithAClearError() throws IOException {
        MetadataFixture f = MetadataFixture.inMemory(2000);
        DiskSpaceMap data = DiskSpaceMap.format(f.tm, 100);
        for (int i = 0; i < 100; i++) {
            data.newBlock();
        }
        NoSpaceException e = assertThrows(NoSpaceException.class, data::newBlock);
        assertTrue(e.getMessage().contains("data space map"), e.getMessage());
        data.commit();
        f.commit();
        data.committed();
        data.dec(5);
        assertThrows(NoSpaceException.class, data::newBlock, "a block freed in this transaction is not reused");
        data.commit();
        f.commit();
        data.committed();
        assertEquals(5, data.newBlock());
    }

    @Test
    void metadataSpaceMapCountsItsOwnBlocks() throws IOException {
        MetadataFixture f = MetadataFixture.inMemory(40_000); // three bitmaps
        f.commit();
        MetadataSpaceMap sm = f.sm;
        // block 0, the index block, the overflow root and three bitmaps
        assertEquals(6, sm.nrAllocated());
        for (int i = 0; i < 5; i++) {
            long b = sm.newBlock();
            sm.inc(b);
            sm.inc(b);
            sm.inc(b);
        }
        f.commit();
        var root = sm.root();
        org.jlvm.pool.tx.TransactionManager tm2 =
                new org.jlvm.pool.tx.TransactionManager(new org.jlvm.pool.block.BlockManager(f.device, 1 << 20));
        MetadataSpaceMap reopened = MetadataSpaceMap.open(tm2, root);
        assertEquals(sm.nrAllocated(), reopened.nrAllocated());
        long counted = 0;
        for (long b = 0; b < reopened.nrBlocks(); b++) {
            if (reopened.count(b) > 0) {
                counted++;
            }
        }
        assertEquals(reopened.nrAllocated(), counted);
    }
}
