package org.jlvm.tools.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jlvm.pool.btree.Node;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.format.ThinSuperblock;

/** Read access to a pool's metadata for the dumping tools: superblock, details, device roots, mappings. */
public final class ThinPool {
    /** The 0.9.0 message when a tree is damaged and no repair was asked for. */
    public static final String DAMAGED = "metadata contains errors (run thin_check for details).\n"
            + "perhaps you wanted to run with --repair";

    private final MetadataFile file;
    private final ThinSuperblock sb;
    private final boolean snapshot;

    /** A mapping visitor: one call per mapping, in key order. */
    public interface MappingVisitor {
        void mapping(long virt, long data, long time) throws ToolException;
    }

    /** Thrown through the walkers to stop at the first damage (strict policy). */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ToolException cause;

        Stop(ToolException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private ThinPool(MetadataFile file, ThinSuperblock sb, boolean snapshot) {
        this.file = file;
        this.sb = sb;
        this.snapshot = snapshot;
    }

    /**
     * Opens the live superblock, or with {@code metadataSnap} (0 = the one in held_root) the metadata snapshot.
     */
    public static ThinPool open(MetadataFile file, Long metadataSnap) throws ToolException {
        ThinSuperblock sb;
        try {
            sb = Blocks.superblock(file, 0);
        } catch (Blocks.BadBlock e) {
            throw new ToolException(e.getMessage());
        }
        if (metadataSnap == null) {
            return new ThinPool(file, sb, false);
        }
        // 0.9.0 insists on a held snapshot even when the block is given
        if (sb.heldRoot() == 0) {
            throw new ToolException("no current metadata snap");
        }
        long loc = metadataSnap == 0 ? sb.heldRoot() : metadataSnap;
        try {
            return new ThinPool(file, Blocks.superblock(file, loc), true);
        } catch (Blocks.BadBlock e) {
            throw new ToolException(e.getMessage());
        }
    }

    public ThinSuperblock superblock() {
        return sb;
    }

    public MetadataFile file() {
        return file;
    }

    public SuperblockInfo info() {
        return new SuperblockInfo("", Integer.toUnsignedLong(sb.time()), sb.transactionId(),
                Integer.toUnsignedLong(sb.flags()), Integer.toUnsignedLong(sb.version()),
                Integer.toUnsignedLong(sb.dataBlockSize()), snapshot ? 0 : sb.dataSpaceMapRoot().nrBlocks(),
                sb.heldRoot() == 0 ? null : sb.heldRoot());
    }

    private static TreeWalker.DamageVisitor strict() {
        return failWith(DAMAGED);
    }

    /** Stops at the first damage with {@code message}, or with the damage itself when it is null. */
    private static TreeWalker.DamageVisitor failWith(String message) {
        return (path, begin, end, desc) -> {
            throw new Stop(new ToolException(message == null ? desc : message));
        };
    }

    /** The device-details tree, in dev_id order; damage is an error. */
    public Map<Long, DeviceInfo> details() throws ToolException {
        return details(DAMAGED);
    }

    /**
     * The level-1 root of device {@code dev} found by a plain b-tree lookup in the top-level mapping tree
     * (only block validation, like the 0.9.0 lookups), or null if the device is absent.
     */
    public Long lookupRoot(long dev) throws ToolException {
        long b = sb.dataMappingRoot();
        for (int depth = 0; depth < 64; depth++) {
            Node n;
            try {
                n = new Node(Blocks.node(file, b));
            } catch (Blocks.BadBlock e) {
                throw new ToolException(e.getMessage());
            }
            if (Blocks.nodeTypeProblem(n, b) != null) {
                throw new ToolException(Blocks.nodeTypeProblem(n, b));
            }
            if (n.valueSize() != 8) {
                throw new ToolException("value size mismatch: expected 8, but got "
                        + Integer.toUnsignedString(n.valueSize()) + " (block " + b + ").");
            }
            if (n.max() <= 0 || n.nr() < 0 || n.nr() > n.max()
                    || (8L + n.valueSize()) * n.max() + Node.HEADER_SIZE > MetadataFile.BLOCK_SIZE) {
                throw new ToolException("bad node in the mapping tree (block " + b + ")");
            }
            int i = n.lowerBound(dev);
            if (i < 0 || i >= n.nr()) {
                return null;
            }
            if (!Blocks.internal(n)) {
                return n.key(i) == dev ? n.value64(i) : null;
            }
            b = n.value64(i);
        }
        return null;
    }

    /** As {@link #details()}, failing with {@code onDamage}. */
    public Map<Long, DeviceInfo> details(String onDamage) throws ToolException {
        Map<Long, DeviceInfo> out = new TreeMap<>(Long::compareUnsigned);
        try {
            new TreeWalker(file, 1, DeviceDetails.SIZE, null, (path, n) -> {
                for (int i = 0; i < n.nr(); i++) {
                    DeviceDetails d = DeviceDetails.decode(n.data(), n.valueOffset(i));
                    out.put(n.key(i), new DeviceInfo(n.key(i), d.mappedBlocks(), d.transactionId(),
                            Integer.toUnsignedLong(d.creationTime()), Integer.toUnsignedLong(d.snapshottedTime())));
                }
            }, failWith(onDamage)).minEntries(false).walk(sb.deviceDetailsRoot());
        } catch (Stop s) {
            throw s.cause;
        }
        return out;
    }

    /** (dev_id, level-1 root) pairs of the top-level mapping tree, in dev_id order; damage is an error. */
    public List<long[]> deviceRoots() throws ToolException {
        return deviceRoots(DAMAGED);
    }

    /** As {@link #deviceRoots()}, failing with {@code onDamage} (null: the damage itself). */
    public List<long[]> deviceRoots(String onDamage) throws ToolException {
        List<long[]> out = new ArrayList<>();
        try {
            new TreeWalker(file, 1, 8, null, (path, n) -> {
                for (int i = 0; i < n.nr(); i++) {
                    out.add(new long[] {n.key(i), n.value64(i)});
                }
            }, failWith(onDamage)).minEntries(false).walk(sb.dataMappingRoot());
        } catch (Stop s) {
            throw s.cause;
        }
        return out;
    }

    /** Every mapping of the device tree rooted at {@code root}, in key order; damage is an error. */
    public void mappings(long root, MappingVisitor v) throws ToolException {
        mappings(root, v, DAMAGED);
    }

    /** As {@link #mappings(long, MappingVisitor)}, failing with {@code onDamage} (null: the damage itself). */
    public void mappings(long root, MappingVisitor v, String onDamage) throws ToolException {
        TreeWalker.DamageVisitor dv = failWith(onDamage);
        try {
            // 0.9.0 thin_dump does not insist on a minimum occupancy; thin_ls, thin_delta, thin_rmap do
            new TreeWalker(file, 1, 8, null, (path, n) -> visitLeaf(n, v), dv).minEntries(onDamage != DAMAGED)
                    .walk(root);
        } catch (Stop s) {
            throw s.cause;
        }
    }

    private static final java.lang.invoke.VarHandle LE64 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static void visitLeaf(Node n, MappingVisitor v) {
        int nr = n.nr();
        byte[] d = n.data();
        int vbase = Node.HEADER_SIZE + 8 * n.max();
        for (int i = 0; i < nr; i++) {
            long bt = (long) LE64.get(d, vbase + 8 * i);
            try {
                v.mapping((long) LE64.get(d, Node.HEADER_SIZE + 8 * i), bt >>> 24, bt & 0xFFFFFFL);
            } catch (ToolException e) {
                throw new Stop(e);
            }
        }
    }
}
