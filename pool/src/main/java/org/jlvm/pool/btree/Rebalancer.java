package org.jlvm.pool.btree;

import java.io.IOException;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.tx.TransactionManager;
import org.jlvm.pool.tx.TransactionManager.Shadow;

/**
 * Rebalancing on the removal path (the kernel's {@code rebalance_children}): before descending from an
 * internal node, the child that covers the key and one or two neighbours are shadowed and their entries
 * merged or spread out so that, after the removal, every non-root node keeps at least a third of its
 * capacity. An internal node left with a single child absorbs that child (the tree gets shorter).
 */
final class Rebalancer {
    private Rebalancer() {
    }

    static void rebalanceChildren(TransactionManager tm, Node parent, ValueType vt, long key) throws IOException {
        if (parent.nr() == 1) {
            absorbOnlyChild(tm, parent, vt);
            return;
        }
        int i = parent.lowerBound(key);
        if (i < 0) {
            i = 0;
        }
        boolean hasLeft = i > 0;
        boolean hasRight = i < parent.nr() - 1;
        if (!hasLeft) {
            rebalance2(tm, parent, vt, i);
        } else if (!hasRight) {
            rebalance2(tm, parent, vt, i - 1);
        } else {
            rebalance3(tm, parent, vt, i - 1);
        }
    }

    private static void absorbOnlyChild(TransactionManager tm, Node parent, ValueType vt) throws IOException {
        long child = parent.value64(0);
        boolean shared = tm.refCount(child) > 1;
        try (Block c = tm.read(child, NodeValidator.INSTANCE)) {
            // Keep our own checksum/blocknr header words; they are re-stamped on write anyway.
            System.arraycopy(c.data(), 4, parent.data(), 4, c.data().length - 4);
        }
        if (shared) {
            BTree.incChildren(tm, parent, vt);
        }
        tm.dec(child);
    }

    private static Block shadowChild(TransactionManager tm, Node parent, int index, ValueType vt)
            throws IOException {
        Shadow s = tm.shadow(parent.value64(index), NodeValidator.INSTANCE);
        if (s.incChildren()) {
            BTree.incChildren(tm, new Node(s.block().data()), vt);
        }
        parent.setValue64(index, s.block().location());
        return s.block();
    }

    private static void checkSameShape(Block a, Node an, Block b, Node bn) throws CorruptMetadataException {
        if (an.max() != bn.max() || an.valueSize() != bn.valueSize() || an.isLeaf() != bn.isLeaf()) {
            throw new CorruptMetadataException(b.location(), "btree node", "sibling of block " + a.location()
                    + " has a different shape (max_entries " + bn.max() + " vs " + an.max() + ", value_size "
                    + bn.valueSize() + " vs " + an.valueSize() + ")");
        }
    }

    private static void rebalance2(TransactionManager tm, Node parent, ValueType vt, int li) throws IOException {
        try (Block l = shadowChild(tm, parent, li, vt); Block r = shadowChild(tm, parent, li + 1, vt)) {
            Node ln = new Node(l.data());
            Node rn = new Node(r.data());
            checkSameShape(l, ln, r, rn);
            balance2(tm, parent, li, r, ln, rn);
        }
    }

    /** Merges R into L when they are small together, else gives each half. */
    private static void balance2(TransactionManager tm, Node parent, int li, Block r, Node ln, Node rn)
            throws IOException {
        int nl = ln.nr();
        int nr = rn.nr();
        int threshold = 2 * (ln.max() / 3 + 1);
        if (nl + nr < threshold) {
            ln.copyFrom(rn, 0, nl, nr);
            ln.setNr(nl + nr);
            parent.deleteAt(li + 1);
            // R's children now belong to L: drop only R itself.
            tm.dec(r.location());
        } else {
            spread(new Node[] {ln, rn}, new int[] {(nl + nr) / 2, nl + nr - (nl + nr) / 2});
            parent.setKey(li + 1, rn.key(0));
        }
    }

    private static void rebalance3(TransactionManager tm, Node parent, ValueType vt, int li) throws IOException {
        try (Block l = shadowChild(tm, parent, li, vt);
             Block c = shadowChild(tm, parent, li + 1, vt);
             Block r = shadowChild(tm, parent, li + 2, vt)) {
            Node ln = new Node(l.data());
            Node cn = new Node(c.data());
            Node rn = new Node(r.data());
            checkSameShape(l, ln, c, cn);
            checkSameShape(l, ln, r, rn);
            int total = ln.nr() + cn.nr() + rn.nr();
            int threshold = 4 * (ln.max() / 3) + 1;
            if (total < threshold) {
                // Drop the centre: its entries go to L (as many as fit) and the rest to the front of R.
                int toLeft = Math.min(ln.max() - ln.nr(), cn.nr());
                int toRight = cn.nr() - toLeft;
                spread(new Node[] {ln, cn, rn}, new int[] {ln.nr() + toLeft, 0, rn.nr() + toRight});
                parent.setKey(li + 2, rn.key(0));
                parent.deleteAt(li + 1);
                tm.dec(c.location());
                balance2(tm, parent, li, r, ln, rn);
            } else {
                int right = total / 3;
                int left = right + (right * 3 != total ? 1 : 0);
                spread(new Node[] {ln, cn, rn}, new int[] {left, total - left - right, right});
                parent.setKey(li + 1, cn.key(0));
                parent.setKey(li + 2, rn.key(0));
            }
        }
    }

    /** Lays the entries of consecutive siblings out again, in order, with the given counts. */
    static void spread(Node[] nodes, int[] counts) {
        int vs = nodes[0].valueSize();
        int total = 0;
        for (Node n : nodes) {
            total += n.nr();
        }
        long[] keys = new long[total];
        byte[] values = new byte[total * vs];
        int k = 0;
        for (Node n : nodes) {
            for (int i = 0; i < n.nr(); i++, k++) {
                keys[k] = n.key(i);
                System.arraycopy(n.data(), n.valueOffset(i), values, k * vs, vs);
            }
        }
        k = 0;
        for (int j = 0; j < nodes.length; j++) {
            Node n = nodes[j];
            n.clearFrom(0);
            for (int i = 0; i < counts[j]; i++, k++) {
                n.setKey(i, keys[k]);
                System.arraycopy(values, k * vs, n.data(), n.valueOffset(i), vs);
            }
            n.setNr(counts[j]);
        }
    }
}
