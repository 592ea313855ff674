package org.jlvm.tools.ir;

import java.util.Arrays;
import org.jlvm.pool.btree.Node;
import org.jlvm.pool.util.LongSet;

/**
 * Depth-first walk of a (possibly multi-level) dm b-tree that checks every node the way the 0.9.0 tools do
 * (block number, max_entries, nr_entries, key order, parent key, leaf key ranges), visits the values of good
 * leaves and reports the key ranges lost under damaged nodes. Each block is checked and visited once, but
 * counted once per reference. The walk is a cancellation point: it stops with {@link Cancellation.Cancelled}
 * before the next node once the run it belongs to (the thread that made the walker) is cancelled.
 */
public final class TreeWalker {
    /** Receives the entries of each good leaf of the last level. */
    public interface LeafVisitor {
        void leaf(long[] path, Node leaf);
    }

    /** Receives lost key ranges: [begin, end) or [begin, -) when {@code end} is null. */
    public interface DamageVisitor {
        void damage(long[] path, long begin, Long end, String description);
    }

    /** Counts references to metadata blocks. */
    public interface Counter {
        void inc(long block);
    }

    private static final java.lang.invoke.VarHandle LE64 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final MetadataFile file;
    private final int levels;
    private final int valueSize;
    private final Counter counter;
    private final LeafVisitor values;
    private final DamageVisitor damage;
    private final LongSet seen;
    /** Checked before each node is read: the walk is a long loop of a read-only run. */
    private final Cancellation cancellation = Cancellation.current();
    private final Long[] lastLeafKey;
    private long[] currentPath = new long[0];
    private boolean damaged;
    private long damageBegin;
    private final StringBuilder reasons = new StringBuilder();
    private boolean checkMinEntries = true;
    private boolean checkUpperKeys;
    /** One read buffer per recursion level: a node's bytes are only used while its subtree is walked. */
    private final byte[][] buffers = new byte[128][];
    private int level;

    public TreeWalker(MetadataFile file, int levels, int valueSize, Counter counter, LeafVisitor values,
            DamageVisitor damage) {
        this(file, levels, valueSize, counter, values, damage, new LongSet());
    }

    /** As above, sharing {@code seen} with other walks (each block's own references are counted once). */
    public TreeWalker(MetadataFile file, int levels, int valueSize, Counter counter, LeafVisitor values,
            DamageVisitor damage, LongSet seen) {
        this.seen = seen;
        this.file = file;
        this.levels = levels;
        this.valueSize = valueSize;
        this.counter = counter == null ? b -> { } : counter;
        this.values = values;
        this.damage = damage;
        this.lastLeafKey = new Long[levels];
    }

    /**
     * Whether a node's keys must also stay below the parent's next key (the 1.x tools: lookups never reach
     * those entries); 0.9.0 checks only the lower bound.
     */
    public TreeWalker upperKeys(boolean on) {
        this.checkUpperKeys = on;
        return this;
    }

    /** Whether non-root nodes must be at least a third full (thin_check: yes; 0.9.0 thin_dump: no). */
    public TreeWalker minEntries(boolean on) {
        this.checkMinEntries = on;
        return this;
    }

    /** Walks the tree rooted at {@code root}, then reports damage still pending. */
    public void walk(long root) {
        walkNode(new long[0], 0, null, null, root);
        Long end = pendingEnd();
        if (end != null) {
            issue(currentPath, end, null);
        }
    }

    /** Returns false when the parent should stop walking its other children (a block out of bounds). */
    private boolean walkNode(long[] path, int depth, Long parentKey, Long upper, long block) {
        cancellation.check();
        if (level >= buffers.length) {
            updatePath(path);
            report("tree too deep at block " + block);
            return true;
        }
        byte[] d = buffers[level];
        if (d == null) {
            d = new byte[MetadataFile.BLOCK_SIZE];
            buffers[level] = d;
        }
        try {
            Blocks.node(file, block, d);
        } catch (Blocks.BadBlock e) {
            updatePath(path);
            report(e.getMessage());
            return block >= 0 && block < file.nrBlocks();
        }
        level++;
        try {
            return visit(path, depth, parentKey, upper, block, d);
        } finally {
            level--;
        }
    }

    private boolean visit(long[] path, int depth, Long parentKey, Long upper, long block, byte[] d) {
        Node n = new Node(d);
        boolean subRoot = depth == 0;
        String badType = Blocks.nodeTypeProblem(n, block);
        if (badType != null) {
            updatePath(path);
            report(badType);
            return true;
        }
        if (Blocks.internal(n)) {
            updatePath(path);
            if (!check(block, n, subRoot, parentKey, upper, 8)) {
                return true;
            }
            if (n.nr() == 0) {
                // an internal node must lead somewhere (0.9.0's words)
                report("key index out of bounds");
                return true;
            }
            if (subRoot) {
                lastLeafKey[path.length] = null;
            }
            goodInternal(n.nr() > 0 ? n.key(0) : 0);
            int nr = n.nr();
            for (int i = 0; i < nr; i++) {
                if (!walkNode(path, depth + 1, n.key(i), i + 1 < nr ? (Long) n.key(i + 1) : upper, n.value64(i))) {
                    break;
                }
            }
        } else if (path.length < levels - 1) {
            updatePath(path);
            if (!checkLeaf(block, n, subRoot, parentKey, upper, path.length, 8)) {
                return true;
            }
            int nr = n.nr();
            for (int i = 0; i < nr; i++) {
                long[] p = Arrays.copyOf(path, path.length + 1);
                p[path.length] = n.key(i);
                if (!walkNode(p, 0, null, null, n.value64(i))) {
                    break;
                }
            }
        } else {
            updatePath(path);
            if (!checkLeaf(block, n, subRoot, parentKey, upper, path.length, valueSize)) {
                return true;
            }
            values.leaf(path, n);
        }
        return true;
    }

    private boolean checkLeaf(long block, Node n, boolean subRoot, Long parentKey, Long upper, int level,
            int vsize) {
        if (!check(block, n, subRoot, parentKey, upper, vsize)) {
            return false;
        }
        if (subRoot) {
            lastLeafKey[level] = null;
        }
        int nr = n.nr();
        if (nr == 0) {
            return true;
        }
        Long last = lastLeafKey[level];
        if (last != null && Long.compareUnsigned(last, n.key(0)) >= 0) {
            report("the last key of the previous leaf was " + Long.toUnsignedString(last)
                    + " and the first key of this leaf is " + Long.toUnsignedString(n.key(0)));
            return false;
        }
        lastLeafKey[level] = n.key(nr - 1);
        goodLeaf(n.key(0), n.key(nr - 1) + 1);
        return true;
    }

    private boolean check(long block, Node n, boolean subRoot, Long parentKey, Long upper, int vsize) {
        if (n.valueSize() != vsize) {
            report("value size mismatch: expected " + vsize + ", but got " + n.valueSize() + " (block " + block
                    + ").");
            return false;
        }
        counter.inc(block);
        if (seen.contains(block)) {
            return false;
        }
        seen.add(block);
        int max = n.max();
        int nr = n.nr();
        if ((8L + n.valueSize()) * Integer.toUnsignedLong(max) + Node.HEADER_SIZE > MetadataFile.BLOCK_SIZE) {
            report("max entries too large: " + Integer.toUnsignedString(max) + " (block " + block + ")");
            return false;
        }
        if (max % 3 != 0) {
            report("max entries is not divisible by 3: " + max + " (block " + block + ")");
            return false;
        }
        if (Integer.toUnsignedLong(nr) > max) {
            report("bad nr_entries: " + Integer.toUnsignedString(nr) + " < " + max + " (block " + block + ")");
            return false;
        }
        if (checkMinEntries && !subRoot && nr < max / 3) {
            report("too few entries in btree_node: " + nr + ", expected at least " + (max / 3)
                    + " (block " + block + ", max_entries = " + max + ")");
            return false;
        }
        byte[] d = n.data();
        long prev = nr > 0 ? (long) LE64.get(d, Node.HEADER_SIZE) : 0;
        for (int i = 1; i < nr; i++) {
            long k = (long) LE64.get(d, Node.HEADER_SIZE + 8 * i);
            if (Long.compareUnsigned(k, prev) <= 0) {
                report("keys are out of order, " + Long.toUnsignedString(k) + " <= "
                        + Long.toUnsignedString(prev) + " (block " + block + ")");
                return false;
            }
            prev = k;
        }
        if (!subRoot && parentKey != null && nr > 0 && Long.compareUnsigned(parentKey, n.key(0)) > 0) {
            report("parent key mismatch: parent was " + Long.toUnsignedString(parentKey)
                    + ", but lowest in node was " + Long.toUnsignedString(n.key(0)) + " (block " + block + ")");
            return false;
        }
        if (checkUpperKeys && upper != null && nr > 0 && Long.compareUnsigned(n.key(nr - 1), upper) >= 0) {
            report("keys out of range: highest in node was " + Long.toUnsignedString(n.key(nr - 1))
                    + ", but the parent's next key is " + Long.toUnsignedString(upper) + " (block " + block + ")");
            return false;
        }
        return true;
    }

    private void report(String desc) {
        reasons.append(desc);
        damaged = true;
    }

    private void goodInternal(long begin) {
        if (damaged) {
            damaged = false;
            issue(currentPath, damageBegin, begin);
        }
        damageBegin = begin;
    }

    private void goodLeaf(long begin, long end) {
        if (damaged) {
            damaged = false;
            issue(currentPath, damageBegin, begin);
        }
        damageBegin = end;
    }

    private Long pendingEnd() {
        return damaged ? damageBegin : null;
    }

    private void updatePath(long[] path) {
        if (!Arrays.equals(path, currentPath)) {
            long[] old = currentPath;
            currentPath = path;
            if (damaged) {
                damaged = false;
                issue(old, damageBegin, null);
            }
            damageBegin = 0;
        }
    }

    private void issue(long[] path, long begin, Long end) {
        String d = reasons.toString();
        reasons.setLength(0);
        damaged = false;
        damage.damage(path, begin, end, d);
    }
}
