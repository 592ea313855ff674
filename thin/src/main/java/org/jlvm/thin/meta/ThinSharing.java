package org.jlvm.thin.meta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.block.BlockManager;
import org.jlvm.pool.btree.Node;
import org.jlvm.pool.btree.NodeValidator;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.format.SuperblockValidator;
import org.jlvm.thin.format.ThinSuperblock;

/**
 * How much of each thin device's data it maps alone and how much it shares with other devices of the pool
 * (thin_ls's {@code EXCLUSIVE_BLOCKS}/{@code SHARED_BLOCKS}), from the committed metadata in one walk for all
 * devices.
 *
 * <p>Snapshots share B-tree nodes, so the mapping trees of a pool form a DAG. Every node is read once per pass:
 * nodes are visited level by level from the roots down (all parents of a node sit one level above it), each
 * carrying how many devices reach it (saturated at 2) and, when that is one, which device. A data block is
 * mapped by as many devices as the sum of the reach counts of the leaf entries naming it (2 bits per data
 * block, saturated); an entry is exclusive to its device when its leaf is reached by one device and its data
 * block is mapped once. Memory: a few bytes per metadata block and 2 bits per data block, whatever the number
 * of devices and mappings.
 */
public final class ThinSharing {

    /** One device's figures, in data blocks. */
    public record Usage(long mapped, long exclusive) {
        public long shared() {
            return mapped - exclusive;
        }
    }

    private static final long CACHE_BYTES = 8L << 20;
    private static final int CHUNK_BITS = 20;

    private final BlockManager bm;
    private final long nrMeta;
    private final byte[] reach;
    private final int[] owner;
    private final long[][] once;
    private final long[][] twice;

    private ThinSharing(BlockManager bm, long nrDataBlocks) {
        this.bm = bm;
        this.nrMeta = bm.nrBlocks();
        this.reach = new byte[(int) nrMeta];
        this.owner = new int[(int) nrMeta];
        int chunks = (int) ((nrDataBlocks + (1L << CHUNK_BITS) - 1) >>> CHUNK_BITS);
        this.once = new long[chunks][];
        this.twice = new long[chunks][];
    }

    /** The usage of every device of the committed metadata on {@code metadata}, by device id. */
    public static Map<Long, Usage> compute(BlockDevice metadata) throws IOException {
        return compute(metadata, 0);
    }

    /**
     * The usage of every device of the metadata snapshot whose superblock copy is block {@code held} (0: the
     * committed superblock). A live pool's snapshot keeps its trees from being reused while they are walked, so
     * the walk can read the metadata device beside the pool that writes it.
     */
    public static Map<Long, Usage> compute(BlockDevice metadata, long held) throws IOException {
        try (BlockManager bm = new BlockManager(metadata, CACHE_BYTES)) {
            ThinSuperblock sb = PoolMetadata.readSuperblock(bm);
            if (bm.nrBlocks() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("metadata device of " + bm.nrBlocks() + " blocks is too large");
            }
            long mappingRoot = sb.dataMappingRoot();
            if (held != 0) {
                if (held >= bm.nrBlocks()) {
                    throw new IllegalArgumentException("metadata snapshot at block " + held + " is beyond the "
                            + bm.nrBlocks() + "-block metadata device");
                }
                try (Block b = bm.read(held, SuperblockValidator.INSTANCE)) {
                    mappingRoot = ThinSuperblock.decode(b.data()).dataMappingRoot();
                }
            }
            return new ThinSharing(bm, sb.dataSpaceMapRoot().nrBlocks()).run(mappingRoot);
        }
    }

    private Map<Long, Usage> run(long topRoot) throws IOException {
        List<long[]> devices = new ArrayList<>();
        collectLeaves(topRoot, devices);
        int n = devices.size();
        long[] mapped = new long[n];
        long[] exclusive = new long[n];
        // the levels: roots bucketed by height, then each level's children form the next one
        List<List<Long>> byHeight = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            long root = devices.get(d)[1];
            int h = height(root);
            while (byHeight.size() <= h) {
                byHeight.add(new ArrayList<>());
            }
            if (arrive(root, (byte) 1, d)) {
                byHeight.get(h).add(root);
            }
        }
        List<long[]> levels = new ArrayList<>();
        long[] next = new long[0];
        for (int h = byHeight.size() - 1; h >= 0; h--) {
            long[] level = merge(next, byHeight.get(h));
            levels.add(level);
            next = h == 0 ? new long[0] : children(level, h);
        }
        long[] leaves = levels.isEmpty() ? new long[0] : levels.get(levels.size() - 1);
        for (long leaf : leaves) {
            countData(leaf);
        }
        long[] entries = new long[(int) nrMeta];
        for (long leaf : leaves) {
            int own = reach[(int) leaf] == 1 ? owner[(int) leaf] : -1;
            try (Block b = read(leaf)) {
                Node node = new Node(b.data());
                entries[(int) leaf] = node.nr();
                for (int i = 0; own >= 0 && i < node.nr(); i++) {
                    if (count(node.value64(i) >>> 24) == 1) {
                        exclusive[own]++;
                    }
                }
            }
        }
        for (int i = levels.size() - 2; i >= 0; i--) {
            for (long node : levels.get(i)) {
                long sum = 0;
                try (Block b = read(node)) {
                    Node in = new Node(b.data());
                    for (int c = 0; c < in.nr(); c++) {
                        sum += entries[(int) in.value64(c)];
                    }
                }
                entries[(int) node] = sum;
            }
        }
        Map<Long, Usage> out = new LinkedHashMap<>();
        for (int d = 0; d < n; d++) {
            mapped[d] = entries[(int) devices.get(d)[1]];
            out.put(devices.get(d)[0], new Usage(mapped[d], exclusive[d]));
        }
        return out;
    }

    /** The (key, value) pairs of a single-level tree's leaves, in key order. */
    private void collectLeaves(long root, List<long[]> out) throws IOException {
        try (Block b = read(root)) {
            Node node = new Node(b.data());
            for (int i = 0; i < node.nr(); i++) {
                if (node.isLeaf()) {
                    out.add(new long[] {node.key(i), node.value64(i)});
                } else {
                    collectLeaves(node.value64(i), out);
                }
            }
        }
    }

    /** Internal levels above the leaves of the tree rooted at {@code root}. */
    private int height(long root) throws IOException {
        int h = 0;
        long b = root;
        while (true) {
            try (Block blk = read(b)) {
                Node node = new Node(blk.data());
                if (node.isLeaf()) {
                    return h;
                }
                if (node.nr() == 0) {
                    throw new CorruptMetadataException(b, "btree node", "internal node with no entries");
                }
                b = node.value64(0);
                h++;
            }
        }
    }

    /** Adds a reach of {@code r} from device index {@code dev}; true when the node is seen for the first time. */
    private boolean arrive(long block, byte r, int dev) throws CorruptMetadataException {
        if (block <= 0 || block >= nrMeta) {
            throw new CorruptMetadataException(block, "btree node", "block outside the metadata device");
        }
        int i = (int) block;
        boolean first = reach[i] == 0;
        if (first) {
            owner[i] = dev;
        }
        reach[i] = (byte) Math.min(2, reach[i] + r);
        return first;
    }

    /** The next level down: the children of {@code level}'s nodes, each once, ascending. */
    private long[] children(long[] level, int height) throws IOException {
        long[] out = new long[Math.max(16, level.length * 4)];
        int n = 0;
        for (long parent : level) {
            byte r = reach[(int) parent];
            try (Block b = read(parent)) {
                Node node = new Node(b.data());
                if (node.isLeaf()) {
                    throw new CorruptMetadataException(parent, "btree node", "leaf found " + height
                            + " levels above the leaves");
                }
                for (int i = 0; i < node.nr(); i++) {
                    long child = node.value64(i);
                    if (arrive(child, r, owner[(int) parent])) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = child;
                    }
                }
            }
        }
        long[] result = Arrays.copyOf(out, n);
        Arrays.sort(result);
        return result;
    }

    private static long[] merge(long[] a, List<Long> b) {
        long[] out = Arrays.copyOf(a, a.length + b.size());
        for (int i = 0; i < b.size(); i++) {
            out[a.length + i] = b.get(i);
        }
        Arrays.sort(out);
        return out;
    }

    private void countData(long leaf) throws IOException {
        int r = reach[(int) leaf];
        try (Block b = read(leaf)) {
            Node node = new Node(b.data());
            if (!node.isLeaf()) {
                throw new CorruptMetadataException(leaf, "btree node", "internal node where a leaf belongs");
            }
            for (int i = 0; i < node.nr(); i++) {
                add(node.value64(i) >>> 24, r);
            }
        }
    }

    private void add(long data, int r) throws CorruptMetadataException {
        int c = (int) (data >>> CHUNK_BITS);
        if (c >= once.length) {
            throw new CorruptMetadataException(0, "mapping", "data block " + data + " beyond the data device");
        }
        if (once[c] == null) {
            once[c] = new long[1 << (CHUNK_BITS - 6)];
            twice[c] = new long[1 << (CHUNK_BITS - 6)];
        }
        int word = (int) ((data & ((1 << CHUNK_BITS) - 1)) >>> 6);
        long bit = 1L << (data & 63);
        if (r >= 2 || (once[c][word] & bit) != 0) {
            twice[c][word] |= bit;
        }
        once[c][word] |= bit;
    }

    /** 0, 1, or 2 for "two or more". */
    private int count(long data) {
        int c = (int) (data >>> CHUNK_BITS);
        int word = (int) ((data & ((1 << CHUNK_BITS) - 1)) >>> 6);
        long bit = 1L << (data & 63);
        if (once[c] == null || (once[c][word] & bit) == 0) {
            return 0;
        }
        return (twice[c][word] & bit) != 0 ? 2 : 1;
    }

    private Block read(long b) throws IOException {
        if (b <= 0 || b >= nrMeta) {
            throw new CorruptMetadataException(b, "btree node", "block outside the metadata device");
        }
        return bm.read(b, NodeValidator.INSTANCE);
    }
}
