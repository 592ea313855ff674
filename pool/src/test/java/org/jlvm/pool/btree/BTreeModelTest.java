package org.jlvm.pool.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.testing.MetadataFixture;
import org.junit.jupiter.api.Test;

/** Seeded random operations on the B-tree against a TreeMap; structure and reference counts checked. */
class BTreeModelTest {

    private static byte[] v64(long v) {
        byte[] b = new byte[8];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v);
        return b;
    }

    @Test
    void randomOpsAgainstTreeMap() throws IOException {
        long seed = System.nanoTime();
        System.out.println("BTreeModelTest seed=" + seed);
        try {
            run(seed, 100_000, 20_000);
        } catch (AssertionError | IOException | RuntimeException e) {
            throw new AssertionError("seed " + seed + ": " + e, e);
        }
    }

    @Test
    void denseSequentialKeysThenRemoveAll() throws IOException {
        MetadataFixture f = MetadataFixture.inMemory(4096);
        BTree t = new BTree(f.tm, ValueType.plain(8));
        f.commit();
        long base = f.sm.nrAllocated();
        long root = t.empty();
        for (long k = 0; k < 50_000; k++) {
            root = t.insert64(root, k, k * 3).root();
        }
        checkStructure(f, root, true);
        // Full nodes share entries with their neighbours before splitting, so sequential inserts leave
        // leaves about 97% full (half-splits alone would leave them half full: ~397 leaves).
        assertEquals(2, depth(f, root));
        int leaves = leafCount(f, root);
        assertTrue(leaves <= 50_000 / 230 + 1, "50k sequential keys in " + leaves + " leaves");
        for (long k = 0; k < 50_000; k += 2) {
            BTree.RemoveResult rr = t.remove(root, new long[] {k});
            assertTrue(rr.removed());
            root = rr.root();
        }
        for (long k = 0; k < 50_000; k++) {
            long got = t.lookup64(root, k, -1);
            assertEquals(k % 2 == 0 ? -1 : k * 3, got, "key " + k);
        }
        checkStructure(f, root, true);
        t.delete(root);
        f.commit();
        assertEquals(base, f.sm.nrAllocated(), "deleting the tree frees every node");
    }

    private void run(long seed, int ops, int keySpace) throws IOException {
        Random r = new Random(seed);
        MetadataFixture f = MetadataFixture.inMemory(8192);
        BTree t = new BTree(f.tm, ValueType.plain(8));
        long root = t.empty();
        TreeMap<Long, Long> model = new TreeMap<>();
        for (int i = 0; i < ops; i++) {
            int p = r.nextInt(100);
            long k = r.nextInt(keySpace);
            if (p < 55) {
                long v = r.nextLong();
                BTree.InsertResult res = t.insert64(root, k, v);
                root = res.root();
                assertEquals(model.put(k, v) == null, res.inserted());
            } else if (p < 85) {
                BTree.RemoveResult res = t.remove(root, new long[] {k});
                root = res.root();
                assertEquals(model.remove(k) != null, res.removed(), "remove " + k);
            } else if (p < 99) {
                Long want = model.get(k);
                assertEquals(want == null ? Long.MIN_VALUE : want, t.lookup64(root, k, Long.MIN_VALUE));
            } else {
                f.commit();
            }
        }
        List<Long> keys = new ArrayList<>();
        long[] lastRoot = {root};
        t.forEach(lastRoot[0], (k, d, o) -> {
            keys.add(k);
            assertEquals(model.get(k), ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getLong(o));
            return true;
        });
        assertEquals(new ArrayList<>(model.keySet()), keys);
        assertEquals(model.isEmpty() ? -1 : model.lastKey(), t.lastKey(root, -1));
        checkStructure(f, root, true);
    }

    @Test
    void keyBelowEverythingInsertedWhileTheRootSplits() throws IOException {
        MetadataFixture f = MetadataFixture.inMemory(1024);
        BTree t = new BTree(f.tm, ValueType.plain(8));
        long root = t.empty();
        for (long k = 1000; k < 1000 + 252; k++) {
            root = t.insert64(root, k, k).root();
        }
        root = t.insert64(root, 5, 55).root();
        assertEquals(55, t.lookup64(root, 5, -1));
        assertEquals(1100, t.lookup64(root, 1100, -1));
        checkStructure(f, root, true);
    }

    @Test
    void sharedTreesAreCopiedOnWrite() throws IOException {
        MetadataFixture f = MetadataFixture.inMemory(4096);
        BTree t = new BTree(f.tm, ValueType.plain(8));
        f.commit();
        long base = f.sm.nrAllocated();
        long a = t.empty();
        for (long k = 0; k < 2000; k++) {
            a = t.insert64(a, k, k).root();
        }
        f.commit();
        f.tm.inc(a);
        long b = a;
        for (long k = 0; k < 2000; k += 3) {
            b = t.insert64(b, k, -k).root();
        }
        for (long k = 1; k < 2000; k += 3) {
            b = t.remove(b, new long[] {k}).root();
        }
        for (long k = 0; k < 2000; k++) {
            assertEquals(k, t.lookup64(a, k, -1), "original key " + k);
            long want = k % 3 == 0 ? -k : k % 3 == 1 ? Long.MIN_VALUE : k;
            assertEquals(want, t.lookup64(b, k, Long.MIN_VALUE), "copy key " + k);
        }
        checkStructure(f, a, true);
        checkStructure(f, b, true);
        t.delete(a);
        t.delete(b);
        f.commit();
        assertEquals(base, f.sm.nrAllocated(), "deleting both trees frees every node");
    }

    @Test
    void twoLevelTreesInsertLookupRemove() throws IOException {
        MetadataFixture f = MetadataFixture.inMemory(4096);
        BTree t = new BTree(f.tm, 2, ValueType.plain(8));
        long root = BTree.empty(f.tm, 8);
        Map<Long, TreeMap<Long, Long>> model = new TreeMap<>();
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long dev = r.nextInt(20);
            long k = r.nextInt(3000);
            if (r.nextInt(4) > 0) {
                root = t.insert(root, new long[] {dev, k}, v64(i)).root();
                model.computeIfAbsent(dev, d -> new TreeMap<>()).put(k, (long) i);
            } else {
                boolean had = model.containsKey(dev) && model.get(dev).remove(k) != null;
                BTree.RemoveResult rr = t.remove(root, new long[] {dev, k});
                root = rr.root();
                assertEquals(had, rr.removed());
            }
        }
        byte[] out = new byte[8];
        for (Map.Entry<Long, TreeMap<Long, Long>> e : model.entrySet()) {
            for (Map.Entry<Long, Long> m : e.getValue().entrySet()) {
                assertTrue(t.lookup(root, new long[] {e.getKey(), m.getKey()}, out));
                assertEquals((long) m.getValue(), ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
            }
        }
        checkStructure(f, root, true);
    }

    private static int leafCount(MetadataFixture f, long root) throws IOException {
        try (Block b = f.tm.read(root, NodeValidator.INSTANCE)) {
            Node n = new Node(b.data());
            if (n.isLeaf()) {
                return 1;
            }
            int c = 0;
            for (int i = 0; i < n.nr(); i++) {
                c += leafCount(f, n.value64(i));
            }
            return c;
        }
    }

    private static int depth(MetadataFixture f, long root) throws IOException {
        try (Block b = f.tm.read(root, NodeValidator.INSTANCE)) {
            Node n = new Node(b.data());
            return n.isLeaf() ? 1 : 1 + depth(f, n.value64(0));
        }
    }

    /** Keys ascending, parents' keys ≤ children's first keys, non-root nodes at least a third full. */
    static void checkStructure(MetadataFixture f, long b, boolean isRoot) throws IOException {
        try (Block blk = f.tm.read(b, NodeValidator.INSTANCE)) {
            Node n = new Node(blk.data());
            if (!isRoot) {
                assertTrue(n.nr() >= n.max() / 3, "node " + b + " has " + n.nr() + " of " + n.max());
            }
            for (int i = 1; i < n.nr(); i++) {
                assertTrue(Long.compareUnsigned(n.key(i - 1), n.key(i)) < 0, "keys out of order in " + b);
            }
            if (!n.isLeaf()) {
                assertEquals(8, n.valueSize());
                for (int i = 0; i < n.nr(); i++) {
                    try (Block c = f.tm.read(n.value64(i), NodeValidator.INSTANCE)) {
                        Node cn = new Node(c.data());
                        assertTrue(Long.compareUnsigned(n.key(i), cn.key(0)) <= 0, "parent key above child");
                    }
                    checkStructure(f, n.value64(i), false);
                }
            }
        }
    }
}
