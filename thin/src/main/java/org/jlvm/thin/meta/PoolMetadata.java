package org.jlvm.thin.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.block.BlockManager;
import org.jlvm.pool.btree.BTree;
import org.jlvm.pool.btree.ValueType;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.error.ReadOnlyException;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.sm.disk.DiskSpaceMap;
import org.jlvm.pool.sm.disk.MetadataSpaceMap;
import org.jlvm.pool.sm.disk.SpaceMapRoot;
import org.jlvm.pool.tx.TransactionManager;
import org.jlvm.thin.format.BlockTime;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.format.SuperblockValidator;
import org.jlvm.thin.format.ThinSuperblock;

/**
 * dm-thin pool metadata on a metadata device (the kernel's dm-thin-metadata): thin devices and snapshots
 * sharing one two-level mapping tree, device details, the data and metadata space maps, the metadata
 * snapshot, transactions.
 *
 * <p>Transactions: every change goes into the current transaction; {@link #commit()} makes it durable
 * (space maps, all dirty blocks, device flush, then the superblock, flush); {@link #abort()} returns to the
 * last commit. A failed change leaves the transaction unusable: the caller aborts (and should then
 * {@link #setNeedsCheck()}).
 *
 * <p>Thread-safety: one read-write lock. Lookups and reports take it shared; changes take it exclusive.
 */
public final class PoolMetadata implements AutoCloseable {
    /** Largest device id the kernel's messages accept. */
    public static final long MAX_DEV_ID = (1L << 24) - 1;
    /** Default block cache. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** A commit is writing its blocks and superblock under the shared lock (guarded by the exclusive lock). */
    private boolean committing;
    private final java.util.concurrent.locks.Condition commitDone = lock.writeLock().newCondition();
    private final BlockDevice device;
    private final long cacheBytes;
    private BlockManager bm;
    private TransactionManager tm;
    private MetadataSpaceMap metadataSm;
    private DiskSpaceMap dataSm;
    private BTree mappingTree;
    private BTree deviceTree;
    private BTree topTree;
    private BTree detailsTree;
    private long mappingRoot;
    private long detailsRoot;
    private int time;
    private long transactionId;
    private long heldRoot;
    private int flags;
    private ThinSuperblock committed;
    private final Map<Long, DeviceDetails> changedDetails = new TreeMap<>();
    private boolean readOnly;
    private volatile PreCommit preCommit = () -> { };

    private PoolMetadata(BlockDevice device, long cacheBytes, boolean readOnly) {
        this.device = device;
        this.cacheBytes = cacheBytes;
        this.readOnly = readOnly;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Formats {@code device} as empty pool metadata and commits. The metadata space map covers the whole
     * device (at most {@link MetadataSpaceMap#MAX_BLOCKS} blocks).
     *
     * @param dataBlockSize data block size in 512-byte sectors
     * @param nrDataBlocks blocks of the data device
     */
    public static PoolMetadata format(BlockDevice device, int dataBlockSize, long nrDataBlocks, long cacheBytes)
            throws IOException {
        if (dataBlockSize <= 0) {
            throw new IllegalArgumentException("data block size must be positive, not " + dataBlockSize);
        }
        if (nrDataBlocks < 0 || nrDataBlocks > BlockTime.MAX_BLOCK) {
            throw new IllegalArgumentException("data blocks " + nrDataBlocks + " outside 0.." + BlockTime.MAX_BLOCK);
        }
        long blocks = Math.min(device.size() / BlockManager.BLOCK_SIZE, MetadataSpaceMap.MAX_BLOCKS);
        if (blocks < 16) {
            throw new IllegalArgumentException("metadata device of " + device.size()
                    + " bytes is too small (at least 64 KiB)");
        }
        PoolMetadata pm = new PoolMetadata(device, cacheBytes, false);
        pm.bm = new BlockManager(device, cacheBytes);
        pm.tm = new TransactionManager(pm.bm);
        pm.metadataSm = MetadataSpaceMap.format(pm.tm, blocks);
        pm.dataSm = DiskSpaceMap.format(pm.tm, nrDataBlocks);
        pm.makeTrees();
        pm.detailsRoot = BTree.empty(pm.tm, DeviceDetails.SIZE);
        pm.mappingRoot = BTree.empty(pm.tm, 8);
        pm.committed = new ThinSuperblock(0, 0, new byte[16], ThinSuperblock.MAGIC, ThinSuperblock.VERSION, 0, 0,
                0, SpaceMapRoot.ZERO, SpaceMapRoot.ZERO, 0, 0, dataBlockSize, 8, blocks, 0, 0, 0);
        pm.commitLocked();
        return pm;
    }

    /** Opens existing metadata. */
    public static PoolMetadata open(BlockDevice device, long cacheBytes, boolean readOnly) throws IOException {
        PoolMetadata pm = new PoolMetadata(device, cacheBytes, readOnly);
        pm.load();
        return pm;
    }

    private void load() throws IOException {
        bm = new BlockManager(device, cacheBytes);
        tm = new TransactionManager(bm);
        ThinSuperblock sb = readSuperblock(bm);
        if (sb.incompatFlags() != 0) {
            throw new CorruptMetadataException(0, "superblock", "unsupported incompatible feature flags 0x"
                    + Integer.toHexString(sb.incompatFlags()));
        }
        if (sb.metadataBlockSize() != 8) {
            throw new CorruptMetadataException(0, "superblock", "metadata_block_size", 8, sb.metadataBlockSize());
        }
        if (Long.compareUnsigned(sb.metadataSpaceMapRoot().nrBlocks(), bm.nrBlocks()) > 0) {
            throw new CorruptMetadataException(0, "superblock", "metadata space map covers "
                    + Long.toUnsignedString(sb.metadataSpaceMapRoot().nrBlocks())
                    + " blocks but the metadata device has only "
                    + bm.nrBlocks());
        }
        metadataSm = MetadataSpaceMap.open(tm, sb.metadataSpaceMapRoot());
        dataSm = DiskSpaceMap.open(tm, sb.dataSpaceMapRoot());
        makeTrees();
        mappingRoot = sb.dataMappingRoot();
        detailsRoot = sb.deviceDetailsRoot();
        time = sb.time();
        transactionId = sb.transactionId();
        heldRoot = sb.heldRoot();
        flags = sb.flags();
        committed = sb;
        changedDetails.clear();
    }

    /** Reads and validates the superblock at block 0. */
    public static ThinSuperblock readSuperblock(BlockManager bm) throws IOException {
        if (bm.nrBlocks() < 1) {
            throw new CorruptMetadataException(0, "superblock", "metadata device of "
                    + bm.device().size() + " bytes is too small to hold a superblock");
        }
        try (Block b = bm.read(0, SuperblockValidator.INSTANCE)) {
            return ThinSuperblock.decode(b.data());
        }
    }

    private void makeTrees() {
        ValueType data = new DataBlockType(dataSm);
        mappingTree = new BTree(tm, 2, data);
        deviceTree = new BTree(tm, 1, data);
        topTree = new BTree(tm, 1, new SubtreeType(tm, deviceTree));
        detailsTree = new BTree(tm, 1, ValueType.plain(DeviceDetails.SIZE));
    }

    /** A change or a read of the metadata, run under the lock. */
    @FunctionalInterface
    private interface Action<T> {
        T run() throws IOException;
    }

    /** A change without a result. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /** Runs a change under the exclusive lock, refusing it when the metadata is read-only. */
    private <T> T changing(Action<T> a) throws IOException {
        lockExclusive();
        try {
            checkWritable();
            return a.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void change(Step s) throws IOException {
        changing(() -> {
            s.run();
            return null;
        });
    }

    /** Runs a lookup or report under the shared lock. */
    private <T> T reading(Action<T> a) throws IOException {
        lock.readLock().lock();
        try {
            return a.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkWritable() throws ReadOnlyException {
        if (readOnly) {
            throw new ReadOnlyException("pool metadata is read-only");
        }
    }

    /** Makes every later change fail with {@link ReadOnlyException}. */
    public void setReadOnly() {
        lockExclusive();
        try {
            readOnly = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** What must happen before any commit writes anything (the kernel's pre-commit callback). */
    @FunctionalInterface
    public interface PreCommit {
        /** Runs under the metadata's exclusive lock at the start of every commit; an exception stops the commit. */
        void run() throws IOException;
    }

    /**
     * Sets the hook every commit runs first, internal ones (a metadata snapshot's) included: a pool flushes its
     * data device there, or checks that it has, so no superblock ever points at data that is not on disk.
     */
    public void setPreCommit(PreCommit hook) {
        preCommit = hook;
    }

    /**
     * Commits the current transaction (see the class comment). The blocks, the superblock and their flushes are
     * written under the shared lock, so lookups and status go on during the fsyncs; changes wait until the commit
     * is complete ({@link #lockExclusive}). Nested in another change, the whole commit runs exclusively.
     */
    public void commit() throws IOException {
        lockExclusive();
        if (lock.getWriteHoldCount() > 1) {
            try {
                checkWritable();
                commitLocked();
            } finally {
                lock.writeLock().unlock();
            }
            return;
        }
        ThinSuperblock sb;
        try {
            checkWritable();
            sb = prepareCommit();
            committing = true;
            lock.readLock().lock(); // downgrade: readers may enter, changes may not
        } finally {
            lock.writeLock().unlock();
        }
        boolean written = false;
        try {
            writeCommit(sb);
            written = true;
        } finally {
            lock.readLock().unlock();
            finishCommit(written ? sb : null);
        }
    }

    /** Takes the exclusive lock once no commit is writing (a commit's blocks must not change under it). */
    private void lockExclusive() {
        lock.writeLock().lock();
        while (committing && lock.getWriteHoldCount() == 1) {
            commitDone.awaitUninterruptibly();
        }
    }

    /** Ends a commit: the transaction is over when {@code sb} was written (null: it failed, abort follows). */
    private void finishCommit(ThinSuperblock sb) {
        lock.writeLock().lock();
        try {
            if (sb != null) {
                tm.endTransaction();
                metadataSm.committed();
                dataSm.committed();
                committed = sb;
            }
            committing = false;
            commitDone.signalAll();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void commitLocked() throws IOException {
        ThinSuperblock sb = prepareCommit();
        writeCommit(sb);
        tm.endTransaction();
        metadataSm.committed();
        dataSm.committed();
        committed = sb;
    }

    /** The in-memory part of a commit (exclusive lock): details, space-map roots, the new superblock. */
    private ThinSuperblock prepareCommit() throws IOException {
        preCommit.run();
        byte[] v;
        for (Map.Entry<Long, DeviceDetails> e : changedDetails.entrySet()) {
            v = e.getValue().encode();
            detailsRoot = detailsTree.insert(detailsRoot, new long[] {e.getKey()}, v).root();
        }
        changedDetails.clear();
        SpaceMapRoot dataRoot = dataSm.commit();
        SpaceMapRoot mdRoot = metadataSm.commit();
        return new ThinSuperblock(flags, 0, new byte[16], ThinSuperblock.MAGIC,
                ThinSuperblock.VERSION, time, transactionId, heldRoot, dataRoot, mdRoot, mappingRoot, detailsRoot,
                committed.dataBlockSize(), 8, committed.metadataNrBlocks(), committed.compatFlags(),
                committed.compatRoFlags(), committed.incompatFlags());
    }

    /** The I/O of a commit: every changed block, a flush, then the superblock and a flush (the kernel's order). */
    private void writeCommit(ThinSuperblock sb) throws IOException {
        tm.flush();
        writeSuperblock(sb);
    }

    private void writeSuperblock(ThinSuperblock sb) throws IOException {
        try (Block b = bm.writeZeroed(0, SuperblockValidator.INSTANCE)) {
            sb.encode(b.data());
        }
        bm.flush();
    }

    /** Drops the current transaction and returns to the last committed state. */
    public void abort() throws IOException {
        lockExclusive();
        try {
            tm.abort();
            load();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Sets NEEDS_CHECK and writes it to disk at once, on top of the committed state (as the kernel does after
     * a failed metadata operation).
     */
    public void setNeedsCheck() throws IOException {
        lockExclusive();
        try {
            flags |= ThinSuperblock.NEEDS_CHECK;
            committed = committed.withFlags(committed.flags() | ThinSuperblock.NEEDS_CHECK);
            tm.abort();
            writeSuperblock(committed);
            load();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean needsCheck() {
        return (flags & ThinSuperblock.NEEDS_CHECK) != 0;
    }

    @Override
    public void close() {
        if (bm != null) {
            bm.close();
        }
    }

    // ------------------------------------------------------------------ devices

    private DeviceDetails detailsLocked(long dev) throws IOException {
        DeviceDetails d = changedDetails.get(dev);
        if (d != null) {
            return d;
        }
        byte[] out = new byte[DeviceDetails.SIZE];
        if (!detailsTree.lookup(detailsRoot, new long[] {dev}, out)) {
            return null;
        }
        return DeviceDetails.decode(out, 0);
    }

    /** The details of device {@code dev}, or null. */
    public DeviceDetails details(long dev) throws IOException {
        return reading(() -> {
            return detailsLocked(dev);
        });
    }

    /** Ids of all devices, ascending. */
    public List<Long> devices() throws IOException {
        return reading(() -> {
            java.util.TreeSet<Long> ids = new java.util.TreeSet<>(changedDetails.keySet());
            detailsTree.forEach(detailsRoot, (k, d, o) -> {
                ids.add(k);
                return true;
            });
            return new ArrayList<>(ids);
        });
    }

    private static void checkDevId(long dev) {
        if (dev < 0 || dev > MAX_DEV_ID) {
            throw new IllegalArgumentException("device id " + dev + " outside 0.." + MAX_DEV_ID);
        }
    }

    /** Creates an empty thin device. */
    public void createThin(long dev) throws IOException {
        checkDevId(dev);
        change(() -> {
            if (detailsLocked(dev) != null) {
                throw new DeviceExistsException(dev);
            }
            long root = BTree.empty(tm, 8);
            mappingRoot = topTree.insert64(mappingRoot, dev, root).root();
            changedDetails.put(dev, new DeviceDetails(0, transactionId, time, time));
        });
    }

    /** Creates {@code dev} as a snapshot of {@code origin} (any device, snapshots included). */
    public void createSnapshot(long dev, long origin) throws IOException {
        checkDevId(dev);
        change(() -> {
            if (detailsLocked(dev) != null) {
                throw new DeviceExistsException(dev);
            }
            DeviceDetails od = detailsLocked(origin);
            if (od == null) {
                throw new NoSuchDeviceException(origin);
            }
            long originRoot = topTree.lookup64(mappingRoot, origin, -1);
            if (originRoot < 0) {
                throw new CorruptMetadataException(mappingRoot, "mapping tree", "device " + origin
                        + " has details but no mapping tree");
            }
            if (time + 1 > BlockTime.TIME_MASK) {
                throw new IllegalStateException("pool time would exceed 24 bits");
            }
            tm.inc(originRoot);
            mappingRoot = topTree.insert64(mappingRoot, dev, originRoot).root();
            time++;
            changedDetails.put(origin, od.withSnapshottedTime(time));
            changedDetails.put(dev, new DeviceDetails(od.mappedBlocks(), transactionId, time, time));
        });
    }

    /** Deletes a device and drops its mappings (shared data stays with the other devices). */
    public void deleteDevice(long dev) throws IOException {
        change(() -> {
            if (detailsLocked(dev) == null) {
                throw new NoSuchDeviceException(dev);
            }
            changedDetails.remove(dev);
            detailsRoot = detailsTree.remove(detailsRoot, new long[] {dev}).root();
            mappingRoot = topTree.remove(mappingRoot, new long[] {dev}).root();
        });
    }

    // ------------------------------------------------------------------ mappings

    /** The mapping of (dev, vblock), or null when unmapped. */
    public BlockTime lookup(long dev, long vblock) throws IOException {
        return reading(() -> {
            byte[] out = new byte[8];
            if (!mappingTree.lookup(mappingRoot, new long[] {dev, vblock}, out)) {
                return null;
            }
            return BlockTime.unpack(ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
        });
    }

    /** Whether a mapping of {@code dev} written at {@code bt.time()} may be shared with a snapshot. */
    public boolean isShared(long dev, BlockTime bt) throws IOException {
        DeviceDetails d = details(dev);
        return d != null && Integer.compareUnsigned(d.snapshottedTime(), bt.time()) > 0;
    }

    /** Allocates a data block (count 1) for a following {@link #insert}. */
    public long allocateDataBlock() throws IOException {
        return changing(() -> {
            return dataSm.newBlock();
        });
    }

    /**
     * Allocates up to {@code max} data blocks (count 1 each) under one lock; fewer when space runs out. Blocks not
     * mapped by {@link #insert} must be given back with {@link #releaseDataBlock}.
     *
     * @throws NoSpaceException when not even one block could be allocated
     */
    public long[] allocateDataBlocks(int max) throws IOException {
        return changing(() -> {
            long[] got = new long[max];
            int n = 0;
            try {
                while (n < max) {
                    got[n] = dataSm.newBlock();
                    n++;
                }
            } catch (NoSpaceException e) {
                if (n == 0) {
                    throw e;
                }
            }
            return n == max ? got : java.util.Arrays.copyOf(got, n);
        });
    }

    /**
     * Drops the reference {@link #allocateDataBlock} gave to a block that was never mapped (its data write
     * failed), so it does not leak.
     */
    public void releaseDataBlock(long dataBlock) throws IOException {
        change(() -> {
            dataSm.dec(dataBlock);
        });
    }

    /**
     * Maps (dev, vblock) to {@code dataBlock} at the current time. The data block's reference is the one
     * {@link #allocateDataBlock} gave; a previous mapping of the key loses its reference.
     *
     * @return the mapping stored (the block and the current time)
     */
    public BlockTime insert(long dev, long vblock, long dataBlock) throws IOException {
        return changing(() -> {
            DeviceDetails d = detailsLocked(dev);
            if (d == null) {
                throw new NoSuchDeviceException(dev);
            }
            if (dataBlock < 0 || dataBlock >= dataSm.nrBlocks()) {
                throw new IllegalArgumentException("data block " + dataBlock + " outside the data device ("
                        + dataSm.nrBlocks() + " blocks)");
            }
            BlockTime stored = new BlockTime(dataBlock, time);
            byte[] v = new byte[8];
            ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putLong(0, stored.pack());
            BTree.InsertResult r = mappingTree.insert(mappingRoot, new long[] {dev, vblock}, v);
            mappingRoot = r.root();
            // Like the kernel (td->changed on every insert), a device whose mappings changed gets its details
            // rewritten at commit even when only a mapping was replaced: thin_check 1.x relies on it to tell the
            // devices a metadata snapshot holds apart from the live ones.
            changedDetails.put(dev, r.inserted() ? d.withMappedBlocks(d.mappedBlocks() + 1) : d);
            boundPending();
            return stored;
        });
    }

    /** Unmaps (dev, vblock); returns whether it was mapped. */
    public boolean remove(long dev, long vblock) throws IOException {
        return changing(() -> {
            DeviceDetails d = detailsLocked(dev);
            if (d == null) {
                throw new NoSuchDeviceException(dev);
            }
            BTree.RemoveResult r = mappingTree.remove(mappingRoot, new long[] {dev, vblock});
            mappingRoot = r.root();
            if (r.removed()) {
                changedDetails.put(dev, d.withMappedBlocks(d.mappedBlocks() - 1));
            }
            boundPending();
            return r.removed();
        });
    }

    /** Pending space-map counts kept in memory before they are written into bitmaps (per map). */
    private static final int MAX_PENDING_COUNTS = 1 << 20;

    /** Keeps the memory of a long transaction bounded; runs between B-tree operations only. */
    private void boundPending() throws IOException {
        dataSm.flushIfLarge(MAX_PENDING_COUNTS);
        metadataSm.flushIfLarge(MAX_PENDING_COUNTS);
    }

    /** Unmaps every mapped block of {@code dev} in [begin, end); returns how many were removed. */
    public long removeRange(long dev, long begin, long end) throws IOException {
        return changing(() -> {
            long removed = 0;
            for (long k : mappedKeys(dev, begin, end)) {
                if (remove(dev, k)) {
                    removed++;
                }
            }
            return removed;
        });
    }

    private List<Long> mappedKeys(long dev, long begin, long end) throws IOException {
        List<Long> keys = new ArrayList<>();
        forEachMapping(dev, begin, end, (vb, bt) -> {
            keys.add(vb);
            return true;
        });
        return keys;
    }

    /** Visits the mappings of a device. */
    @FunctionalInterface
    public interface MappingVisitor {
        boolean visit(long vblock, long blockTime) throws IOException;
    }

    /** Visits the mappings of {@code dev} with virtual block in [begin, end), ascending. */
    public void forEachMapping(long dev, long begin, long end, MappingVisitor v) throws IOException {
        lock.readLock().lock();
        try {
            long root = topTree.lookup64(mappingRoot, dev, -1);
            if (root < 0) {
                throw new NoSuchDeviceException(dev);
            }
            deviceTree.forEach(root, 0, begin, end, (k, d, o) ->
                    v.visit(k, ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getLong(o)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The highest mapped virtual block of {@code dev}, or -1 when none is mapped (one root-to-leaf walk). */
    public long highestMappedBlock(long dev) throws IOException {
        return reading(() -> {
            long root = topTree.lookup64(mappingRoot, dev, -1);
            if (root < 0) {
                throw new NoSuchDeviceException(dev);
            }
            return deviceTree.lastKey(root, -1);
        });
    }

    // ------------------------------------------------------------------ pool-wide

    /** Compare-and-swap of the userspace transaction id. */
    public void setTransactionId(long expected, long value) throws IOException {
        change(() -> {
            if (transactionId != expected) {
                throw new IllegalStateException("transaction id is " + transactionId + ", not " + expected);
            }
            transactionId = value;
        });
    }

    /** Takes the metadata snapshot (commits first, as the kernel does); returns its block. */
    public long reserveMetadataSnap() throws IOException {
        return changing(() -> {
            if (heldRoot != 0) {
                throw new IllegalStateException("a metadata snapshot is already held at block " + heldRoot);
            }
            commitLocked();
            tm.inc(0);
            long held;
            long snapMapping;
            long snapDetails;
            try (Block copy = tm.shadow(0, SuperblockValidator.INSTANCE).block()) {
                ThinSuperblock sb = ThinSuperblock.decode(copy.data());
                held = copy.location();
                ThinSuperblock h = new ThinSuperblock(sb.flags(), held, sb.uuid(), sb.magic(), sb.version(),
                        sb.time(), sb.transactionId(), 0, SpaceMapRoot.ZERO, SpaceMapRoot.ZERO,
                        sb.dataMappingRoot(), sb.deviceDetailsRoot(), sb.dataBlockSize(), sb.metadataBlockSize(),
                        sb.metadataNrBlocks(), sb.compatFlags(), sb.compatRoFlags(), sb.incompatFlags());
                h.encode(copy.data());
                snapMapping = sb.dataMappingRoot();
                snapDetails = sb.deviceDetailsRoot();
            }
            tm.inc(snapMapping);
            tm.inc(snapDetails);
            heldRoot = held;
            return held;
        });
    }

    /** Releases the metadata snapshot: drops its trees (shared parts lose a reference) and its block. */
    public void releaseMetadataSnap() throws IOException {
        change(() -> {
            if (heldRoot == 0) {
                throw new IllegalStateException("no metadata snapshot is held");
            }
            ThinSuperblock h;
            try (Block b = tm.read(heldRoot, SuperblockValidator.INSTANCE)) {
                h = ThinSuperblock.decode(b.data());
            }
            mappingTree.delete(h.dataMappingRoot());
            detailsTree.delete(h.deviceDetailsRoot());
            tm.dec(heldRoot);
            heldRoot = 0;
        });
    }

    /** Grows the data space map to {@code nrBlocks}. */
    public void resizeData(long nrBlocks) throws IOException {
        change(() -> {
            long cur = dataSm.nrBlocks();
            if (nrBlocks < cur) {
                throw new IllegalArgumentException("cannot shrink the data device from " + cur + " to "
                        + nrBlocks + " blocks");
            }
            if (nrBlocks > BlockTime.MAX_BLOCK) {
                throw new IllegalArgumentException("data device of " + nrBlocks + " blocks exceeds 2^40");
            }
            dataSm.extend(nrBlocks - cur);
        });
    }

    /** Grows the metadata space map to cover the (already grown) metadata device. */
    public void resizeMetadata() throws IOException {
        change(() -> {
            if (needsCheck()) {
                throw new IllegalStateException("metadata needs checking; refusing to resize");
            }
            long want = Math.min(bm.nrBlocks(), MetadataSpaceMap.MAX_BLOCKS);
            if (want > metadataSm.nrBlocks()) {
                metadataSm.extend(want - metadataSm.nrBlocks());
            }
        });
    }

    /** A snapshot of the pool-wide counters. */
    public PoolStats stats() {
        lock.readLock().lock();
        try {
            return new PoolStats(transactionId, time, heldRoot, metadataSm.nrBlocks(), metadataSm.nrAllocated(),
                    dataSm.nrBlocks(), dataSm.nrAllocated(), committed.dataBlockSize(), needsCheck());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The superblock as of the last commit. */
    public ThinSuperblock committedSuperblock() {
        return committed;
    }

    /** Metadata blocks read from the device so far (cache misses). */
    public long blockReads() {
        return bm.ioCounts()[0];
    }

    /** Count of a data block (tests and tools). */
    public long dataBlockCount(long b) throws IOException {
        return reading(() -> {
            return dataSm.count(b);
        });
    }
}
