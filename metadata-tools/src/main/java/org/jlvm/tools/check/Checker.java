package org.jlvm.tools.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.btree.Node;
import org.jlvm.pool.sm.disk.SpaceMapRoot;
import org.jlvm.pool.util.LongIntMap;
import org.jlvm.pool.util.LongSet;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.tools.ir.Blocks;
import org.jlvm.tools.ir.Cancellation;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.ir.TreeWalker;

/**
 * thin_check as 0.9.0 does it: superblock, device-details tree, mapping trees (node checks, lost key
 * ranges), then the metadata reference counts against every reference found. Optional fixes: clearing
 * NEEDS_CHECK after a clean check, and repairing metadata leaks.
 */
public final class Checker {
    static final int PER_BITMAP = 16320;

    private final MetadataFile f;
    private final CheckOptions o;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final List<Damage> damage = new ArrayList<>();
    private final LongSet seen = new LongSet();
    private int[] expected;
    private long nrMd;
    /** Expected data counts (§4.1); null: not checked. */
    private ExpectedDataCounts dataExpected;
    /** The data space map's size while mappings are counted against it (-1: not checked). */
    private long nrDataBlocks = -1;
    private long beyondData;
    private long firstBeyondData;
    static final int MAX_EXAMPLES = 10;
    /** With --auto-repair: every leaked data block and its expected count. */
    private final LongIntMap dataLeaks = new LongIntMap();

    /** Receives how many distinct metadata blocks were reached so far, out of the allocated ones. */
    public interface ProgressSink {
        void update(long done, long total);
    }

    private ProgressSink progress = (d, t) -> { };
    private long reached;
    private long allocated = -1;

    /** Whether the mapped_blocks recount runs on a second thread while the trees and space maps are checked. */
    private final boolean concurrent;
    /** The run's cancellation (the walks and scans check it too); the fixes are never cut. */
    private final Cancellation cancellation = Cancellation.current();
    /** The thread of the mapped_blocks recount, when it runs beside the checks. */
    private Thread recountThread;

    private Checker(MetadataFile f, CheckOptions o, boolean concurrent) {
        this.f = f;
        this.o = o;
        this.concurrent = concurrent;
    }

    /**
     * Metadata smaller than this (in 4 KiB blocks: 16 MiB) is checked on one thread: starting the helper threads
     * costs a small check more than they save, and thin_check on a small pool is what scripts run in loops.
     */
    static final long CONCURRENT_FROM_BLOCKS = 4096;

    private Checker(MetadataFile f, CheckOptions o) {
        this(f, o, f.nrBlocks() >= CONCURRENT_FROM_BLOCKS);
    }

    /** As {@link #check(MetadataFile, CheckOptions)}, reporting progress to {@code progress}. */
    public static CheckReport check(MetadataFile f, CheckOptions o, ProgressSink progress) throws ToolException {
        Checker c = new Checker(f, o);
        c.progress = progress;
        return c.run();
    }

    /** As {@link #check(MetadataFile, CheckOptions)}, all on this thread unless {@code concurrent}. */
    static CheckReport check(MetadataFile f, CheckOptions o, boolean concurrent) throws ToolException {
        return new Checker(f, o, concurrent).run();
    }

    /** Checks (and with the fixing options, fixes) {@code f}. Errors about the command itself are exceptions. */
    public static CheckReport check(MetadataFile f, CheckOptions o) throws ToolException {
        return new Checker(f, o).run();
    }

    private void add(Damage d) {
        damage.add(d);
        err.add(d.lines());
    }

    private boolean anyFatal() {
        return damage.stream().anyMatch(Damage::fatal);
    }

    private CheckReport report() {
        CheckReport.Outcome oc = damage.isEmpty() ? CheckReport.Outcome.SUCCESS
                : anyFatal() ? CheckReport.Outcome.FATAL : CheckReport.Outcome.NON_FATAL;
        return new CheckReport(out, err, damage, oc);
    }

    private void inc(long b) {
        if (b >= 0 && b < expected.length) {
            if (expected[(int) b]++ == 0 && (++reached & 1023) == 0) {
                progress.update(reached, allocated);
            }
        }
    }

    private CheckReport run() throws ToolException {
        try {
            return examine();
        } catch (Cancellation.Cancelled e) {
            // the helpers share the cancellation: they stop at their next check; none is left running
            if (dataExpected != null) {
                dataExpected.abandon();
            }
            if (recountThread != null) {
                joinQuietly(recountThread);
            }
            throw e;
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CheckReport examine() throws ToolException {
        ThinSuperblock live = null;
        if (o.metadataSnap()) {
            try {
                live = Blocks.superblock(f, 0);
            } catch (Blocks.BadBlock e) {
                // reported below, as without -m
            }
            if (live != null && live.heldRoot() == 0) {
                throw new ToolException("No metadata snapshot found.");
            }
        }
        err.add("examining superblock");
        ThinSuperblock sb;
        try {
            sb = Blocks.superblock(f, 0);
        } catch (Blocks.BadBlock e) {
            add(new Damage.SuperblockCorrupt(e.getMessage()));
            return report();
        }
        nrMd = sb.metadataSpaceMapRoot().nrBlocks();
        allocated = sb.metadataSpaceMapRoot().nrAllocated();
        out.add("TRANSACTION_ID=" + Long.toUnsignedString(sb.transactionId()));
        // 0.9.0 prints the device's block count less the superblock, whatever the space map says
        out.add("METADATA_FREE_BLOCKS=" + Math.max(0, f.nrBlocks() - 1));
        if (o.superBlockOnly()) {
            return report();
        }
        String impossible = SpaceMapSizes.impossible(sb, f.nrBlocks());
        if (impossible != null) {
            add(new Damage.SuperblockCorrupt(impossible));
            return report();
        }
        ThinSuperblock trees = sb;
        if (o.metadataSnap()) {
            try {
                trees = Blocks.superblock(f, sb.heldRoot());
            } catch (Blocks.BadBlock e) {
                add(new Damage.SuperblockCorrupt(e.getMessage()));
                return report();
            }
        }
        expected = new int[(int) Math.min(Math.max(nrMd, f.nrBlocks()), Integer.MAX_VALUE - 8)];
        TreeWalker.Counter counter = this::inc;
        // The checks beyond 0.9.0 (data counts, mapped_blocks) need the real trees: not with an overridden
        // mapping root; data counts also need the data space map, which -m does not check.
        boolean stricter = o.overrideMappingRoot() == null && !o.skipMappings();
        long nrData = sb.dataSpaceMapRoot().nrBlocks();
        if (stricter && !o.metadataSnap()) {
            nrDataBlocks = nrData;
            if (nrData <= (1L << 30)) {
                dataExpected = new ExpectedDataCounts((int) nrData, concurrent);
            }
        }

        // The mapped_blocks recount only reads: it runs beside the checks below and is taken where the serial
        // order wants its findings (and only if they are wanted).
        ThinSuperblock recountRoot = o.metadataSnap() ? trees : sb;
        boolean recountSnap = !o.metadataSnap() && sb.heldRoot() != 0;
        java.util.concurrent.FutureTask<List<Damage>> recount = new java.util.concurrent.FutureTask<>(
                () -> recountMapped(recountRoot, recountSnap));
        if (stricter && concurrent) {
            recountThread = new Thread(recount, "check-mapped-blocks");
            recountThread.setDaemon(true);
            recountThread.start();
        }
        err.add("examining devices tree");
        walkDetails(trees.deviceDetailsRoot(), counter);
        long mappingRoot = o.overrideMappingRoot() != null ? o.overrideMappingRoot() : trees.dataMappingRoot();
        if (o.skipMappings()) {
            err.add("examining top level of mapping tree");
            new TreeWalker(f, 1, 8, counter, (p, n) -> { },
                    (p, b, e, d) -> add(new Damage.MissingAllMappings(b, e, d)), seen).walk(mappingRoot);
        } else {
            err.add("examining mapping tree");
            walkMappings(mappingRoot, counter);
        }
        if (anyFatal() || o.skipMappings()) {
            return report();
        }
        if (o.metadataSnap()) {
            if (stricter) {
                addAll(recount);
            }
            return report();
        }

        err.add("checking space map counts");
        inc(0);
        if (sb.heldRoot() != 0) {
            inc(sb.heldRoot());
            try {
                ThinSuperblock snap = Blocks.superblock(f, sb.heldRoot());
                walkDetails(snap.deviceDetailsRoot(), counter);
                walkMappings(snap.dataMappingRoot(), counter);
            } catch (Blocks.BadBlock e) {
                add(new Damage.SpaceMapUnreadable("metadata snapshot: " + e.getMessage()));
            }
            if (anyFatal()) {
                return report();
            }
        }
        long[] actual;
        try {
            countSpaceMaps(sb, counter);
            actual = readMetadataCounts(sb.metadataSpaceMapRoot());
        } catch (Blocks.BadBlock e) {
            add(new Damage.SpaceMapUnreadable(e.getMessage()));
            return report();
        }
        if (anyFatal()) {
            return report();
        }
        List<Long> leaks = new ArrayList<>();
        for (int b = 0; b < nrMd && b < expected.length; b++) {
            if (actual[b] != expected[b]) {
                add(new Damage.MetadataRefCount(b, expected[b], actual[b]));
                if (actual[b] > expected[b]) {
                    leaks.add((long) b);
                }
            }
        }
        if (stricter) {
            try {
                checkDataCounts(sb.dataSpaceMapRoot());
            } catch (Blocks.BadBlock e) {
                add(new Damage.SpaceMapUnreadable(e.getMessage()));
            }
            if (dataExpected != null) {
                dataExpected.finish();
                beyondData = dataExpected.beyond();
                firstBeyondData = dataExpected.firstBeyond();
            }
            if (beyondData > 0) {
                add(new Damage.MappingsBeyondData(beyondData, firstBeyondData, nrDataBlocks));
            }
            addAll(recount);
        }
        fix(sb, leaks);
        return report();
    }

    private void fix(ThinSuperblock sb, List<Long> leaks) throws ToolException {
        boolean onlyLeaks = !anyFatal();
        if (o.autoRepair() && onlyLeaks && !leaks.isEmpty()) {
            try {
                repairLeaks(sb, leaks);
                sb = Blocks.superblock(f, 0);
            } catch (IOException | Blocks.BadBlock e) {
                throw new ToolException("couldn't repair the metadata leaks: " + e.getMessage());
            }
            err.add("fixed metadata leaks");
            damage.removeIf(d -> d instanceof Damage.MetadataRefCount);
        }
        boolean allDataLeaksKnown = damage.stream().noneMatch(d -> d instanceof Damage.DataRefCounts c && c.leaked()
                && c.total() != dataLeaks.size());
        if (o.autoRepair() && !anyFatal() && !dataLeaks.isEmpty() && allDataLeaksKnown) {
            try {
                repairDataLeaks(sb);
                sb = Blocks.superblock(f, 0);
            } catch (IOException | Blocks.BadBlock e) {
                throw new ToolException("couldn't repair the data leaks: " + e.getMessage());
            }
            err.add("fixed data leaks");
            damage.removeIf(d -> d instanceof Damage.DataRefCounts c && c.leaked());
        }
        if ((o.clearNeedsCheck() || o.autoRepair()) && damage.isEmpty() && sb.needsCheck()) {
            try {
                writeSuperblock(sb.withFlags(sb.flags() & ~ThinSuperblock.NEEDS_CHECK));
            } catch (IOException e) {
                throw new ToolException("couldn't clear the needs_check flag: " + e.getMessage());
            }
            err.add("cleared needs_check flag");
        }
    }

    private void writeSuperblock(ThinSuperblock s) throws IOException {
        byte[] d = new byte[MetadataFile.BLOCK_SIZE];
        s.encode(d);
        Checksums.stamp(d, Checksums.SUPERBLOCK_SALT);
        f.write(0, d);
        f.sync();
    }

    /** Sets each leaked block's bitmap entry to its expected count (≤ 2) and fixes the free counts. */
    private void repairLeaks(ThinSuperblock sb, List<Long> leaks) throws IOException, Blocks.BadBlock {
        SpaceMapRoot r = sb.metadataSpaceMapRoot();
        byte[] idx = Blocks.index(f, r.bitmapRoot());
        long freed = 0;
        for (long b : leaks) {
            int e = expected[(int) b];
            if (e > 2) {
                continue;
            }
            int bi = (int) (b / PER_BITMAP);
            int j = (int) (b % PER_BITMAP);
            long loc = getLong(idx, 16 + 16 * bi);
            byte[] bm = Blocks.bitmap(f, loc);
            int old = (bm[16 + j / 4] >> (2 * (j % 4))) & 3;
            int bits = e == 0 ? 0 : e == 1 ? 2 : 1;
            bm[16 + j / 4] = (byte) ((bm[16 + j / 4] & ~(3 << (2 * (j % 4)))) | (bits << (2 * (j % 4))));
            Checksums.stamp(bm, Checksums.BITMAP_SALT);
            f.write(loc, bm);
            if (old != 0 && e == 0) {
                freed++;
                int nf = getInt(idx, 16 + 16 * bi + 8) + 1;
                putInt(idx, 16 + 16 * bi + 8, nf);
                int nfb = getInt(idx, 16 + 16 * bi + 12);
                if (j < nfb) {
                    putInt(idx, 16 + 16 * bi + 12, j);
                }
            }
        }
        Checksums.stamp(idx, Checksums.INDEX_SALT);
        f.write(r.bitmapRoot(), idx);
        f.sync();
        writeSuperblock(new ThinSuperblock(sb.flags(), sb.blocknr(), sb.uuid(), sb.magic(), sb.version(), sb.time(),
                sb.transactionId(), sb.heldRoot(), sb.dataSpaceMapRoot(), new SpaceMapRoot(r.nrBlocks(),
                        r.nrAllocated() - freed, r.bitmapRoot(), r.refCountRoot()), sb.dataMappingRoot(),
                sb.deviceDetailsRoot(), sb.dataBlockSize(), sb.metadataBlockSize(), sb.metadataNrBlocks(),
                sb.compatFlags(), sb.compatRoFlags(), sb.incompatFlags()));
    }

    private void walkDetails(long root, TreeWalker.Counter counter) {
        new TreeWalker(f, 1, DeviceDetails.SIZE, counter, (p, n) -> { },
                (p, b, e, d) -> add(new Damage.MissingDevices(b, e, d)), seen).upperKeys(true).walk(root);
    }

    private void walkMappings(long root, TreeWalker.Counter counter) {
        // Each distinct leaf is visited once (shared "seen" set), so a data block's expected count is the
        // number of distinct leaf entries mapping it, across the live and metadata-snapshot trees.
        new TreeWalker(f, 2, 8, counter, (p, n) -> countData(n), (p, b, e, d) -> {
            if (p.length == 0) {
                add(new Damage.MissingAllMappings(b, e, d));
            } else {
                add(new Damage.MissingMappings(p[0], b, e, d));
            }
        }, seen).upperKeys(true).walk(root);
    }

    /** Counts the space maps' own blocks (index, bitmaps, index and overflow trees). */
    private void countSpaceMaps(ThinSuperblock sb, TreeWalker.Counter counter) throws Blocks.BadBlock {
        SpaceMapRoot md = sb.metadataSpaceMapRoot();
        inc(md.bitmapRoot());
        SpaceMapRoot data = sb.dataSpaceMapRoot();
        List<Long> dataBitmaps = new ArrayList<>();
        new TreeWalker(f, 1, 16, counter, (p, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                dataBitmaps.add(n.value64(i));
            }
        }, (p, b, e, d) -> add(new Damage.SpaceMapUnreadable("data space map index damaged "
                + Damage.range(b, e) + ": " + d)), seen).walk(data.bitmapRoot());
        new TreeWalker(f, 1, 4, counter, (p, n) -> { },
                (p, b, e, d) -> add(new Damage.SpaceMapUnreadable("data space map overflow tree damaged "
                        + Damage.range(b, e) + ": " + d)), seen).walk(data.refCountRoot());
        for (long b : dataBitmaps) {
            inc(b);
            Blocks.bitmap(f, b);
        }
    }

    /** The stored count of every metadata block, from the index block, bitmaps and overflow tree. */
    private long[] readMetadataCounts(SpaceMapRoot md) throws Blocks.BadBlock {
        byte[] idx = Blocks.index(f, md.bitmapRoot());
        LongIntMap overflow = new LongIntMap();
        new TreeWalker(f, 1, 4, this::inc, (p, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                overflow.put(n.key(i), n.value32(i));
            }
        }, (p, b, e, d) -> add(new Damage.SpaceMapUnreadable("metadata space map overflow tree damaged "
                + Damage.range(b, e) + ": " + d)), seen).walk(md.refCountRoot());
        overflowBeyond("metadata", overflow.keys(), nrMd);
        long strays = 0;
        long n = Math.min(nrMd, expected.length);
        long[] actual = new long[(int) n];
        int nrBitmaps = (int) ((nrMd + PER_BITMAP - 1) / PER_BITMAP);
        for (int i = 0; i < nrBitmaps && i < 255; i++) {
            cancellation.check();
            long loc = getLong(idx, 16 + 16 * i);
            inc(loc);
            byte[] bm = Blocks.bitmap(f, loc);
            for (int j = 0; j < PER_BITMAP; j++) {
                long b = (long) i * PER_BITMAP + j;
                if (b >= n) {
                    break;
                }
                int bits = (bm[16 + j / 4] >> (2 * (j % 4))) & 3;
                int c = bits == 0 ? 0 : bits == 2 ? 1 : bits == 1 ? 2 : 3;
                actual[(int) b] = c == 3 ? overflow.get(b, -1) : c;
                if (actual[(int) b] < 0) {
                    // 0.9.0's verdict when the bitmap says "3 or more" and the overflow tree has no count
                    add(new Damage.SpaceMapUnreadable("ref count not in tree"));
                    return actual;
                }
                // a count in the tree for a block whose bitmap entry is right, but below 3
                if (c != 3 && overflow.size() > 0 && overflow.containsKey(b) && c == expected[(int) b]) {
                    strays++;
                }
            }
        }
        if (strays > 0) {
            add(new Damage.OverflowStrays("metadata", strays));
        }
        return actual;
    }

    /** Overflow-tree counts for blocks the space map does not have are a (stricter) finding; returns how many. */
    private long overflowBeyond(String map, long[] keys, long nrBlocks) {
        long n = 0;
        long first = -1;
        for (long k : keys) {
            if (Long.compareUnsigned(k, nrBlocks) >= 0) {
                n++;
                first = first == -1 || Long.compareUnsigned(k, first) < 0 ? k : first;
            }
        }
        if (n > 0) {
            add(new Damage.OverflowBeyond(map, n, first, nrBlocks));
        }
        return n;
    }

    static long getLong(byte[] d, int off) {
        return Blocks.u64(d, off);
    }

    static int getInt(byte[] d, int off) {
        return (d[off] & 0xFF) | (d[off + 1] & 0xFF) << 8 | (d[off + 2] & 0xFF) << 16 | (d[off + 3] & 0xFF) << 24;
    }

    static void putInt(byte[] d, int off, int v) {
        for (int i = 0; i < 4; i++) {
            d[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private void countData(Node n) {
        if (nrDataBlocks < 0) {
            return;
        }
        if (dataExpected != null) {
            dataExpected.leaf(n); // which also finds the blocks beyond the data device
            return;
        }
        for (int i = 0; i < n.nr(); i++) {
            long d = n.value64(i) >>> 24;
            if (d >= nrDataBlocks && beyondData++ == 0) {
                firstBeyondData = d; // not a count the space map could hold
            }
        }
    }

    /** Compares the data space map's counts with the expected ones; both kinds of difference are non-fatal. */
    private void checkDataCounts(SpaceMapRoot data) throws Blocks.BadBlock {
        if (dataExpected == null) {
            return;
        }
        dataExpected.finish();
        // The overflow entries in key order (the walker checks the order), merged with the bitmap scan below:
        // cheaper than a hash map when most data blocks are shared by many snapshots.
        long[][] okeys = {new long[1024]};
        int[][] ovals = {new int[1024]};
        int[] on = {0};
        new TreeWalker(f, 1, 4, null, (p, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                if (on[0] == okeys[0].length) {
                    okeys[0] = java.util.Arrays.copyOf(okeys[0], on[0] * 2);
                    ovals[0] = java.util.Arrays.copyOf(ovals[0], on[0] * 2);
                }
                okeys[0][on[0]] = n.key(i);
                ovals[0][on[0]++] = n.value32(i);
            }
        }, (p, b, e, d) -> { }).walk(data.refCountRoot());
        long[] ok = okeys[0];
        int[] ov = ovals[0];
        int nOverflow = on[0];
        overflowBeyond("data", java.util.Arrays.copyOf(ok, nOverflow), dataExpected.length());
        java.util.Map<Long, Long> bitmaps = new java.util.TreeMap<>();
        new TreeWalker(f, 1, 16, null, (p, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                bitmaps.put(n.key(i), n.value64(i));
            }
        }, (p, b, e, d) -> { }).walk(data.bitmapRoot());
        DataCountScan.Findings r = new DataCountScan(f, dataExpected, ok, ov, nOverflow, bitmaps, o.autoRepair())
                .run(concurrent);
        for (long b : r.leaks().keys()) {
            dataLeaks.put(b, r.leaks().get(b, 0));
        }
        if (r.strays() > 0) {
            add(new Damage.OverflowStrays("data", r.strays()));
        }
        if (r.nLeaked() > 0) {
            add(new Damage.DataRefCounts(true, r.nLeaked(), r.leaked()));
        }
        if (r.nLow() > 0) {
            add(new Damage.DataRefCounts(false, r.nLow(), r.low()));
        }
    }

    /** The recount's findings, added in order (it runs here if it was not started on another thread). */
    private void addAll(java.util.concurrent.FutureTask<List<Damage>> recount) {
        recount.run(); // no-op if it already ran
        try {
            recount.get().forEach(this::add);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** mapped_blocks of the devices of {@code s} (the live superblock), then of the metadata snapshot's. */
    private List<Damage> recountMapped(ThinSuperblock s, boolean andSnapshot) {
        List<Damage> found = new ArrayList<>();
        checkMappedBlocks(s, s != null && o.metadataSnap(), found);
        if (andSnapshot) {
            try {
                checkMappedBlocks(Blocks.superblock(f, s.heldRoot()), true, found);
            } catch (Blocks.BadBlock e) {
                // reported by the main checks
            }
        }
        return found;
    }

    /** Compares each device's mapped_blocks with the mappings its tree holds (trees already checked). */
    private void checkMappedBlocks(ThinSuperblock s, boolean snapshot, List<Damage> found) {
        byte[][] nodeBuffers = new byte[66][];
        java.util.Map<Long, Long> roots = new java.util.TreeMap<>();
        new TreeWalker(f, 1, 8, null, (p, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                roots.put(n.key(i), n.value64(i));
            }
        }, (p, b, e, d) -> { }).walk(s.dataMappingRoot());
        LongIntMap memo = new LongIntMap();
        java.util.Set<Long> withDetails = new java.util.HashSet<>();
        new TreeWalker(f, 1, DeviceDetails.SIZE, null, (p, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                long dev = n.key(i);
                withDetails.add(dev);
                long mapped = getLong(n.data(), n.valueOffset(i));
                Long root = roots.get(dev);
                long counted = root == null ? 0 : mappings(root, memo, 0, nodeBuffers);
                if (counted >= 0 && counted != mapped) {
                    found.add(new Damage.MappedBlocks(dev, counted, mapped, snapshot));
                }
            }
        }, (p, b, e, d) -> { }).walk(s.deviceDetailsRoot());
        // every device has both (the 1.x tools call anything else an inconsistency between the trees)
        List<Long> noDetails = roots.keySet().stream().filter(d -> !withDetails.contains(d))
                .sorted(Long::compareUnsigned).toList();
        List<Long> noTree = withDetails.stream().filter(d -> !roots.containsKey(d)).sorted(Long::compareUnsigned)
                .toList();
        if (!noDetails.isEmpty() || !noTree.isEmpty()) {
            found.add(new Damage.DeviceTreesDiffer(noDetails, noTree, snapshot));
        }
    }

    /**
     * The number of entries in the level-1 (sub)tree at {@code block}; -1 when it cannot be counted.
     * {@code nodeBuffers}: one read buffer per depth (a node is only used while its subtree is counted).
     */
    private long mappings(long block, LongIntMap memo, int depth, byte[][] nodeBuffers) {
        cancellation.check();
        int m = memo.get(block, -1);
        if (m >= 0) {
            return m;
        }
        if (depth > 64) {
            return -1;
        }
        if (nodeBuffers[depth] == null) {
            nodeBuffers[depth] = new byte[MetadataFile.BLOCK_SIZE];
        }
        byte[] d = nodeBuffers[depth];
        try {
            Blocks.node(f, block, d);
        } catch (Blocks.BadBlock e) {
            return -1;
        }
        Node n = new Node(d);
        if (Blocks.nodeTypeProblem(n, block) != null) {
            return -1;
        }
        long total = 0;
        if (Blocks.internal(n)) {
            for (int i = 0; i < n.nr(); i++) {
                long c = mappings(n.value64(i), memo, depth + 1, nodeBuffers);
                if (c < 0) {
                    return -1;
                }
                total += c;
            }
        } else {
            total = n.nr();
        }
        if (total <= Integer.MAX_VALUE) {
            memo.put(block, (int) total);
        }
        return total;
    }

    /**
     * Sets each leaked data block's bitmap entry to its expected count, fixes nr_free and none_free_before of
     * its index entry (in the data index tree's leaf) and the data space map's nr_allocated.
     */
    private void repairDataLeaks(ThinSuperblock sb) throws IOException, Blocks.BadBlock {
        SpaceMapRoot r = sb.dataSpaceMapRoot();
        java.util.Map<Long, long[]> entries = new java.util.HashMap<>(); // bitmap index -> {leaf, slot}
        indexEntries(r.bitmapRoot(), entries, 0);
        java.util.Map<Long, List<Long>> byBitmap = new java.util.TreeMap<>();
        for (long b : dataLeaks.keys()) {
            byBitmap.computeIfAbsent(b / PER_BITMAP, k -> new ArrayList<>()).add(b);
        }
        long freed = 0;
        for (var e : byBitmap.entrySet()) {
            long[] at = entries.get(e.getKey());
            if (at == null) {
                throw new Blocks.BadBlock(r.bitmapRoot(), "no index entry for data bitmap " + e.getKey());
            }
            byte[] leaf = Blocks.node(f, at[0]);
            Node n = new Node(leaf);
            int off = n.valueOffset((int) at[1]);
            long loc = getLong(leaf, off);
            byte[] bm = Blocks.bitmap(f, loc);
            int nrFree = getInt(leaf, off + 8);
            int nfb = getInt(leaf, off + 12);
            for (long b : e.getValue()) {
                int j = (int) (b % PER_BITMAP);
                int exp = dataLeaks.get(b, 0);
                int bits = exp == 0 ? 0 : exp == 1 ? 2 : 1;
                bm[16 + j / 4] = (byte) ((bm[16 + j / 4] & ~(3 << (2 * (j % 4)))) | (bits << (2 * (j % 4))));
            }
            // nr_free and none_free_before recomputed from the repaired bitmap (a leak may have been made
            // without updating them); nr_allocated moves by the same amount.
            int valid = (int) Math.min(PER_BITMAP, r.nrBlocks() - e.getKey() * PER_BITMAP);
            int free = 0;
            int firstFree = valid;
            for (int j = 0; j < valid; j++) {
                if (((bm[16 + j / 4] >> (2 * (j % 4))) & 3) == 0) {
                    free++;
                    firstFree = Math.min(firstFree, j);
                }
            }
            freed += free - nrFree;
            nrFree = free;
            nfb = firstFree;
            Checksums.stamp(bm, Checksums.BITMAP_SALT);
            f.write(loc, bm);
            putInt(leaf, off + 8, nrFree);
            putInt(leaf, off + 12, nfb);
            Checksums.stamp(leaf, Checksums.BTREE_NODE_SALT);
            f.write(at[0], leaf);
        }
        f.sync();
        writeSuperblock(new ThinSuperblock(sb.flags(), sb.blocknr(), sb.uuid(), sb.magic(), sb.version(), sb.time(),
                sb.transactionId(), sb.heldRoot(), new SpaceMapRoot(r.nrBlocks(), r.nrAllocated() - freed,
                        r.bitmapRoot(), r.refCountRoot()), sb.metadataSpaceMapRoot(), sb.dataMappingRoot(),
                sb.deviceDetailsRoot(), sb.dataBlockSize(), sb.metadataBlockSize(), sb.metadataNrBlocks(),
                sb.compatFlags(), sb.compatRoFlags(), sb.incompatFlags()));
    }

    private void indexEntries(long block, java.util.Map<Long, long[]> out, int depth) throws Blocks.BadBlock {
        if (depth > 64) {
            throw new Blocks.BadBlock(block, "data space map index tree too deep");
        }
        Node n = new Node(Blocks.node(f, block));
        if (Blocks.nodeTypeProblem(n, block) != null) {
            throw new Blocks.BadBlock(block, Blocks.nodeTypeProblem(n, block));
        }
        for (int i = 0; i < n.nr(); i++) {
            if (Blocks.internal(n)) {
                indexEntries(n.value64(i), out, depth + 1);
            } else {
                out.put(n.key(i), new long[] {block, i});
            }
        }
    }
}
