package org.jlvm.pool.btree;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.tx.TransactionManager;

/**
 * A copy-on-write B+tree in the kernel's dm-btree layout, possibly multi-level (a leaf at level l &lt; last
 * holds the roots of level l+1 trees), as {@code dm_btree_info}.
 *
 * <p>Every modifying call returns the new root: the path from the root is shadowed, shared nodes are copied
 * and their children gain a reference. Inserting splits full nodes on the way down (a full root splits
 * beneath itself, other nodes into a new right sibling); removing rebalances the children of every internal
 * node on the path so that non-root nodes keep at least {@code max_entries / 3} entries.
 *
 * <p>Not thread-safe: callers hold the metadata lock (shared for lookups, exclusive for changes).
 */
public final class BTree {
    /** Result of an insert: the new root and whether the key was new (false: overwritten). */
    public record InsertResult(long root, boolean inserted) {
    }

    /** Result of a removal: the new root and whether the key was there. */
    public record RemoveResult(long root, boolean removed) {
    }

    /** Visits leaf entries in key order; returns false to stop. */
    @FunctionalInterface
    public interface EntryVisitor {
        boolean visit(long key, byte[] data, int valueOffset) throws IOException;
    }

    private final TransactionManager tm;
    private final int levels;
    private final ValueType leafType;
    private final ValueType innerType;

    public BTree(TransactionManager tm, int levels, ValueType leafType) {
        if (levels < 1) {
            throw new IllegalArgumentException("levels " + levels);
        }
        this.tm = tm;
        this.levels = levels;
        this.leafType = leafType;
        this.innerType = new Le64Type(tm);
    }

    /** Single-level tree with the given value type. */
    public BTree(TransactionManager tm, ValueType leafType) {
        this(tm, 1, leafType);
    }

    public int levels() {
        return levels;
    }

    public ValueType leafType() {
        return leafType;
    }

    public TransactionManager tm() {
        return tm;
    }

    private ValueType typeAt(int level) {
        return level == levels - 1 ? leafType : innerType;
    }

    private int valueSizeAt(int level) {
        return typeAt(level).size();
    }

    /** Creates an empty tree (one empty leaf) for values of {@code valueSize} bytes; returns its root. */
    public static long empty(TransactionManager tm, int valueSize) throws IOException {
        try (Block b = tm.newBlock(NodeValidator.INSTANCE)) {
            new Node(b.data()).init(true, valueSize);
            return b.location();
        }
    }

    /** Creates an empty tree of this tree's (top level) value type. */
    public long empty() throws IOException {
        return empty(tm, valueSizeAt(0));
    }

    // ---------------------------------------------------------------- lookup

    /**
     * Looks up {@code keys} (one per level); copies the value into {@code out} and returns true if found.
     */
    public boolean lookup(long root, long[] keys, byte[] out) throws IOException {
        checkKeys(keys);
        long b = root;
        for (int level = 0; level < levels; level++) {
            while (true) {
                try (Block blk = tm.read(b, NodeValidator.INSTANCE)) {
                    Node n = new Node(blk.data());
                    int i = n.lowerBound(keys[level]);
                    if (i < 0) {
                        return false;
                    }
                    if (n.isLeaf()) {
                        checkLeafValueSize(b, n, level);
                        if (n.key(i) != keys[level]) {
                            return false;
                        }
                        if (level == levels - 1) {
                            System.arraycopy(n.data(), n.valueOffset(i), out, 0, leafType.size());
                            return true;
                        }
                        b = n.value64(i);
                        break;
                    }
                    b = n.value64(i);
                }
            }
        }
        return false;
    }

    /** Looks up a single-level key with an 8-byte value; returns it or {@code absent}. */
    public long lookup64(long root, long key, long absent) throws IOException {
        byte[] out = new byte[8];
        if (!lookup(root, new long[] {key}, out)) {
            return absent;
        }
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** A leaf of {@code level} must hold that level's values (the validator only knows the node itself). */
    private void checkLeafValueSize(long block, Node n, int level) throws CorruptMetadataException {
        if (n.valueSize() != valueSizeAt(level)) {
            throw new CorruptMetadataException(block, "btree node", "value_size", valueSizeAt(level), n.valueSize());
        }
    }

    private void checkKeys(long[] keys) {
        if (keys.length != levels) {
            throw new IllegalArgumentException(keys.length + " keys for a " + levels + "-level tree");
        }
    }

    /**
     * Visits the entries of a single level tree (the one rooted at {@code root}, whose leaves hold values of
     * {@code level}) with keys in {@code [from, to)} in order.
     */
    public boolean forEach(long root, int level, long from, long to, EntryVisitor v) throws IOException {
        try (Block blk = tm.read(root, NodeValidator.INSTANCE)) {
            Node n = new Node(blk.data());
            int nr = n.nr();
            if (n.isLeaf()) {
                checkLeafValueSize(root, n, level);
                for (int i = Math.max(0, n.upperIndex(from)); i < nr; i++) {
                    long k = n.key(i);
                    if (Long.compareUnsigned(k, to) >= 0) {
                        return false;
                    }
                    if (!v.visit(k, n.data(), n.valueOffset(i))) {
                        return false;
                    }
                }
                return true;
            }
            int start = Math.max(0, n.lowerBound(from));
            for (int i = start; i < nr; i++) {
                if (Long.compareUnsigned(n.key(i), to) >= 0) {
                    return false;
                }
                if (!forEach(n.value64(i), level, from, to, v)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The largest key of the (single-level) tree at {@code root}, or {@code absent} when it is empty. */
    public long lastKey(long root, long absent) throws IOException {
        long b = root;
        while (true) {
            try (Block blk = tm.read(b, NodeValidator.INSTANCE)) {
                Node n = new Node(blk.data());
                if (n.nr() == 0) {
                    return absent;
                }
                if (n.isLeaf()) {
                    return n.key(n.nr() - 1);
                }
                b = n.value64(n.nr() - 1);
            }
        }
    }

    /** Visits every entry of the single-level tree at {@code root}. */
    public void forEach(long root, EntryVisitor v) throws IOException {
        forEach(root, levels - 1, 0, -1L, (k, d, o) -> v.visit(k, d, o));
    }

    // ---------------------------------------------------------------- insert

    /** Inserts or overwrites the value at {@code keys}; returns the new root. */
    public InsertResult insert(long root, long[] keys, byte[] value) throws IOException {
        checkKeys(keys);
        try (ShadowSpine s = new ShadowSpine(tm)) {
            int index = -1;
            long block = root;
            for (int level = 0; level < levels - 1; level++) {
                index = insertRaw(s, block, innerType, keys[level], index);
                Node n = s.currentNode();
                if (index >= n.nr() || n.key(index) != keys[level]) {
                    long sub = empty(tm, valueSizeAt(level + 1));
                    n.insertAt64(index, keys[level], sub);
                }
                block = n.value64(index);
            }
            index = insertRaw(s, block, leafType, keys[levels - 1], index);
            Node n = s.currentNode();
            long key = keys[levels - 1];
            boolean inserted;
            if (index >= n.nr() || n.key(index) != key) {
                n.insertAt(index, key, value, 0);
                inserted = true;
            } else {
                int off = n.valueOffset(index);
                if (!leafType.equal(n.data(), off, value, 0)) {
                    leafType.dec(n.data(), off);
                }
                System.arraycopy(value, 0, n.data(), off, leafType.size());
                inserted = false;
            }
            return new InsertResult(s.root(), inserted);
        }
    }

    /** Single-level insert of an 8-byte value. */
    public InsertResult insert64(long root, long key, long value) throws IOException {
        byte[] v = new byte[8];
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        return insert(root, new long[] {key}, v);
    }

    private int insertRaw(ShadowSpine s, long root, ValueType vt, long key, int parentIndex) throws IOException {
        int i = parentIndex;
        boolean top = true;
        Node node;
        while (true) {
            s.step(root, vt);
            if (s.hasParent() && i >= 0) {
                s.parentNode().setValue64(i, s.current().location());
            }
            node = s.currentNode();
            if (node.nr() == node.max()) {
                if (top) {
                    splitBeneath(s);
                } else {
                    rebalanceOrSplit(s, i, key);
                }
                node = s.currentNode();
            }
            i = node.lowerBound(key);
            if (node.isLeaf()) {
                break;
            }
            if (i < 0) {
                node.setKey(0, key);
                i = 0;
            }
            root = node.value64(i);
            top = false;
        }
        if (i < 0 || node.key(i) != key) {
            i++;
        }
        return i;
    }

    /** The full root moves its entries into two new children and becomes an internal node above them. */
    private void splitBeneath(ShadowSpine s) throws IOException {
        Node rn = s.currentNode();
        int nr = rn.nr();
        int nl = nr / 2;
        Block left = tm.newBlock(NodeValidator.INSTANCE);
        Block right = tm.newBlock(NodeValidator.INSTANCE);
        Node ln = new Node(left.data());
        Node rtn = new Node(right.data());
        ln.init(rn.isLeaf(), rn.valueSize());
        rtn.init(rn.isLeaf(), rn.valueSize());
        ln.copyFrom(rn, 0, 0, nl);
        ln.setNr(nl);
        rtn.copyFrom(rn, nl, 0, nr - nl);
        rtn.setNr(nr - nl);
        rn.init(false, 8);
        rn.insertAt64(0, ln.key(0), left.location());
        rn.insertAt64(1, rtn.key(0), right.location());
        // The root stays the current node: the descent continues through it, lowering key 0 if needed.
        left.close();
        right.close();
    }

    /** A neighbour needs this many free slots to take entries from a full node instead of a split. */
    private static final int SPACE_THRESHOLD = 8;

    /**
     * A full non-root node first shares its entries with an unshared neighbour that has room (left, then
     * right), as kernels since 5.15 do, which keeps nodes fuller than splitting; otherwise it splits.
     */
    private void rebalanceOrSplit(ShadowSpine s, int parentIndex, long key) throws IOException {
        Node parent = s.parentNode();
        if (parentIndex > 0 && shareWith(s, parent, parentIndex - 1, true, key)) {
            return;
        }
        if (parentIndex < parent.nr() - 1 && shareWith(s, parent, parentIndex + 1, false, key)) {
            return;
        }
        splitSibling(s, parentIndex, key);
    }

    private boolean shareWith(ShadowSpine s, Node parent, int sibIndex, boolean left, long key) throws IOException {
        long sib = parent.value64(sibIndex);
        if (tm.refCount(sib) > 1) {
            return false;
        }
        Node cur = s.currentNode();
        try (Block peek = tm.read(sib, NodeValidator.INSTANCE)) {
            Node pn = new Node(peek.data());
            if (pn.max() - pn.nr() < SPACE_THRESHOLD || pn.max() != cur.max() || pn.valueSize() != cur.valueSize()
                    || pn.isLeaf() != cur.isLeaf()) {
                return false;
            }
        }
        Block sb = tm.shadow(sib, NodeValidator.INSTANCE).block();
        parent.setValue64(sibIndex, sb.location());
        Node sn = new Node(sb.data());
        int total = sn.nr() + cur.nr();
        int[] counts = {total / 2, total - total / 2};
        if (left) {
            Rebalancer.spread(new Node[] {sn, cur}, counts);
            parent.setKey(sibIndex + 1, cur.key(0));
            if (Long.compareUnsigned(key, cur.key(0)) < 0) {
                s.replaceCurrent(sb);
                return true;
            }
        } else {
            Rebalancer.spread(new Node[] {cur, sn}, counts);
            parent.setKey(sibIndex, sn.key(0));
            if (Long.compareUnsigned(key, sn.key(0)) >= 0) {
                s.replaceCurrent(sb);
                return true;
            }
        }
        sb.close();
        return true;
    }

    /** A full non-root node gives its upper half to a new right sibling, entered in the parent. */
    private void splitSibling(ShadowSpine s, int parentIndex, long key) throws IOException {
        Node ln = s.currentNode();
        Node parent = s.parentNode();
        int nr = ln.nr();
        int nl = nr / 2;
        Block right = tm.newBlock(NodeValidator.INSTANCE);
        Node rn = new Node(right.data());
        rn.init(ln.isLeaf(), ln.valueSize());
        rn.copyFrom(ln, nl, 0, nr - nl);
        rn.setNr(nr - nl);
        ln.clearFrom(nl);
        ln.setNr(nl);
        parent.insertAt64(parentIndex + 1, rn.key(0), right.location());
        if (Long.compareUnsigned(key, rn.key(0)) < 0) {
            right.close();
        } else {
            s.replaceCurrent(right);
        }
    }

    // ---------------------------------------------------------------- remove

    /** Removes {@code keys}; returns the new root (unchanged, with removed=false, if the key is absent). */
    public RemoveResult remove(long root, long[] keys) throws IOException {
        checkKeys(keys);
        if (!lookup(root, keys, new byte[leafType.size()])) {
            return new RemoveResult(root, false);
        }
        try (ShadowSpine s = new ShadowSpine(tm)) {
            int index = -1;
            long block = root;
            for (int level = 0; level < levels; level++) {
                index = removeRaw(s, block, typeAt(level), keys[level], index);
                Node n = s.currentNode();
                if (index < 0 || index >= n.nr() || n.key(index) != keys[level]) {
                    throw new CorruptMetadataException(s.current().location(), "btree node",
                            "key " + keys[level] + " vanished during removal");
                }
                if (level < levels - 1) {
                    block = n.value64(index);
                    continue;
                }
                leafType.dec(n.data(), n.valueOffset(index));
                n.deleteAt(index);
            }
            return new RemoveResult(s.root(), true);
        }
    }

    private int removeRaw(ShadowSpine s, long root, ValueType vt, long key, int parentIndex) throws IOException {
        int i = parentIndex;
        while (true) {
            s.step(root, vt);
            if (s.hasParent()) {
                s.parentNode().setValue64(i, s.current().location());
            }
            Node n = s.currentNode();
            if (n.isLeaf()) {
                return n.lowerBound(key);
            }
            Rebalancer.rebalanceChildren(tm, n, vt, key);
            if (n.isLeaf()) {
                return n.lowerBound(key);
            }
            i = n.lowerBound(key);
            root = n.value64(i);
        }
    }

    // ---------------------------------------------------------------- delete

    /**
     * Drops the whole tree at {@code root}: shared nodes just lose a reference, unshared ones are freed after
     * their children (values of the last level are decremented through the value type).
     */
    public void delete(long root) throws IOException {
        delete(root, 0);
    }

    private void delete(long b, int level) throws IOException {
        if (tm.refCount(b) > 1) {
            tm.dec(b);
            return;
        }
        try (Block blk = tm.read(b, NodeValidator.INSTANCE)) {
            Node n = new Node(blk.data());
            int nr = n.nr();
            if (!n.isLeaf()) {
                for (int i = 0; i < nr; i++) {
                    delete(n.value64(i), level);
                }
            } else if (level < levels - 1) {
                for (int i = 0; i < nr; i++) {
                    delete(n.value64(i), level + 1);
                }
            } else {
                for (int i = 0; i < nr; i++) {
                    leafType.dec(n.data(), n.valueOffset(i));
                }
            }
        }
        tm.dec(b);
    }

    /** Adds a reference to every child (internal node) or value (leaf, through {@code vt}) of {@code n}. */
    static void incChildren(TransactionManager tm, Node n, ValueType vt) throws IOException {
        int nr = n.nr();
        if (!n.isLeaf()) {
            for (int i = 0; i < nr; i++) {
                tm.inc(n.value64(i));
            }
        } else {
            for (int i = 0; i < nr; i++) {
                vt.inc(n.data(), n.valueOffset(i));
            }
        }
    }

    /** Values of non-last levels: roots of the next level's trees, counted in the metadata space map. */
    private static final class Le64Type implements ValueType {
        private final TransactionManager tm;

        Le64Type(TransactionManager tm) {
            this.tm = tm;
        }

        @Override
        public int size() {
            return 8;
        }

        @Override
        public void inc(byte[] data, int off) throws IOException {
            tm.inc(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(off));
        }

        @Override
        public void dec(byte[] data, int off) throws IOException {
            tm.dec(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(off));
        }
    }
}
