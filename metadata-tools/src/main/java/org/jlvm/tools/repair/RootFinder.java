package org.jlvm.tools.repair;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.btree.Node;
import org.jlvm.tools.ir.MetadataFile;

/**
 * Finds the device-details and mapping roots of a pool whose superblock is lost: every block is scanned
 * for b-tree nodes (by checksum salt and block number), nodes are classified bottom-up (details leaves hold
 * 24-byte values; a top-level mapping leaf holds only pointers to mapping-tree nodes), and among the nodes
 * no other node of the same kind points to, the one that reaches the most entries wins.
 */
final class RootFinder {
    static final int UNKNOWN = 0;
    static final int DETAILS = 1;
    static final int TOP = 2;
    static final int BOTTOM = 3;

    /** What was found; a root is -1 when none was. */
    record Roots(long details, long mapping, long maxTime) {
    }

    private final MetadataFile f;
    private final Map<Long, Node> nodes = new HashMap<>();
    private final Map<Long, Integer> kind = new HashMap<>();

    private RootFinder(MetadataFile f) {
        this.f = f;
    }

    static Roots find(MetadataFile f) throws IOException {
        return new RootFinder(f).run();
    }

    private Roots run() throws IOException {
        for (long b = 1; b < f.nrBlocks(); b++) {
            byte[] d = f.read(b);
            if (Checksums.saltOf(d) != Checksums.BTREE_NODE_SALT) {
                continue;
            }
            Node n = new Node(d);
            long blocknr = 0;
            for (int i = 7; i >= 0; i--) {
                blocknr = (blocknr << 8) | (d[8 + i] & 0xFF);
            }
            if (blocknr != b || n.nr() < 0 || n.nr() > n.max() || n.max() != Node.maxEntries(n.valueSize())) {
                continue;
            }
            nodes.put(b, n);
        }
        for (Long b : nodes.keySet()) {
            kindOf(b, 0);
        }
        Map<Long, Boolean> referenced = new HashMap<>();
        for (Map.Entry<Long, Node> e : nodes.entrySet()) {
            Node n = e.getValue();
            if (n.flags() == Node.INTERNAL) {
                for (int i = 0; i < n.nr(); i++) {
                    referenced.put(n.value64(i), true);
                }
            }
        }
        long bestDetails = -1;
        long bestDetailsN = -1;
        long bestTop = -1;
        long bestTopN = -1;
        for (Long b : nodes.keySet()) {
            if (referenced.containsKey(b)) {
                continue;
            }
            int k = kind.getOrDefault(b, UNKNOWN);
            if (k == DETAILS) {
                long c = entries(b, 0);
                if (c > bestDetailsN || (c == bestDetailsN && b > bestDetails)) {
                    bestDetails = b;
                    bestDetailsN = c;
                }
            } else if (k == TOP) {
                long c = entries(b, 0);
                if (c > bestTopN || (c == bestTopN && b > bestTop)) {
                    bestTop = b;
                    bestTopN = c;
                }
            }
        }
        long maxTime = 0;
        for (Map.Entry<Long, Integer> e : kind.entrySet()) {
            Node n = nodes.get(e.getKey());
            if (n == null || n.flags() != Node.LEAF) {
                continue;
            }
            if (e.getValue() == DETAILS) {
                for (int i = 0; i < n.nr(); i++) {
                    int off = n.valueOffset(i);
                    maxTime = Math.max(maxTime, Integer.toUnsignedLong(le32(n.data(), off + 16)));
                    maxTime = Math.max(maxTime, Integer.toUnsignedLong(le32(n.data(), off + 20)));
                }
            } else if (e.getValue() == BOTTOM) {
                for (int i = 0; i < n.nr(); i++) {
                    maxTime = Math.max(maxTime, n.value64(i) & 0xFFFFFFL);
                }
            }
        }
        return new Roots(bestDetails, bestTop, maxTime);
    }

    private static int le32(byte[] d, int off) {
        return (d[off] & 0xFF) | (d[off + 1] & 0xFF) << 8 | (d[off + 2] & 0xFF) << 16 | (d[off + 3] & 0xFF) << 24;
    }

    private int kindOf(long b, int depth) {
        Integer k = kind.get(b);
        if (k != null) {
            return k;
        }
        Node n = nodes.get(b);
        int r = UNKNOWN;
        if (n != null && depth < 16) {
            kind.put(b, UNKNOWN);
            if (n.flags() == Node.LEAF) {
                if (n.valueSize() == 24) {
                    r = DETAILS;
                } else if (n.valueSize() == 8) {
                    boolean allTrees = n.nr() > 0;
                    for (int i = 0; i < n.nr() && allTrees; i++) {
                        Node c = nodes.get(n.value64(i));
                        allTrees = c != null && (c.flags() == Node.INTERNAL || c.valueSize() == 8);
                    }
                    r = allTrees ? TOP : BOTTOM;
                }
            } else if (n.flags() == Node.INTERNAL && n.nr() > 0) {
                r = kindOf(n.value64(0), depth + 1);
                for (int i = 1; i < n.nr() && r != UNKNOWN; i++) {
                    if (kindOf(n.value64(i), depth + 1) != r) {
                        r = UNKNOWN;
                    }
                }
            }
        }
        kind.put(b, r);
        return r;
    }

    private long entries(long b, int depth) {
        Node n = nodes.get(b);
        if (n == null || depth > 16) {
            return 0;
        }
        if (n.flags() == Node.LEAF) {
            return n.nr();
        }
        long c = 0;
        for (int i = 0; i < n.nr(); i++) {
            c += entries(n.value64(i), depth + 1);
        }
        return c;
    }
}
