package org.jlvm.thin.pool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.error.ReadOnlyException;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.format.BlockTime;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.meta.NoSuchDeviceException;
import org.jlvm.thin.meta.PoolMetadata;
import org.jlvm.thin.meta.PoolStats;

/**
 * A thin pool: dm-thin metadata on one device, data blocks on another, and thin volumes ({@link #volume})
 * made of both. This class plays the kernel's dm-thin pool target: allocation, commit policy, pool modes,
 * low-water and full handling.
 *
 * <p><b>Durability</b> (the kernel's contract): a write is acknowledged once its data is on the data device;
 * it is durable after {@link #commit()} (a volume's {@link ThinVolume#flush()}): flush the data device (first
 * without holding up writers, then once more under the commit lock for what was written meanwhile), then
 * commit the metadata (space maps and trees, flush, superblock last, flush). While anything is dirty a daemon
 * thread commits every {@link ThinPoolConfig#commitInterval()}. Device operations (create, snapshot, delete,
 * transaction id, metadata snapshot, resize) commit before they return, like the kernel's pool messages.
 *
 * <p><b>Failures.</b> Data space exhausted: mode {@link PoolMode#OUT_OF_DATA_SPACE}; writes that need a new
 * block wait (up to the timeout) or fail with {@link NoSpaceException}; once a queued write has timed out,
 * later ones fail at once until space is added. Metadata space exhausted, or any failed metadata operation:
 * the transaction is aborted (back to the last commit), NEEDS_CHECK is written, the pool becomes
 * {@link PoolMode#READ_ONLY}; if even that fails, {@link PoolMode#FAIL}. Metadata is never committed
 * half-changed. A failed data flush does the same (a retry would report success for writes Linux dropped).
 * When the abort dropped changes (the transaction was dirty, or the data flush failed), every later flush, FUA
 * write and {@link #close()} fails until the pool is reopened.
 *
 * <p><b>Commits</b> all take one path ({@code commitWith}): exclusive commit lock, data flush, the allocation
 * reserve given back, the device operation if any (the metadata snapshot commits inside it), metadata commit;
 * {@link PoolMetadata#setPreCommit} refuses any other. Blocks the commit freed are discarded (passdown) after the
 * lock is released, held back from allocation until their discard is done ({@link Passdown}).
 *
 * <p><b>Locking</b>, outermost first; a thread never takes them in another order:
 * <ol>
 *   <li>per-device gate ({@link DeviceGate}): I/O shared, snapshot-of/delete exclusive;</li>
 *   <li>per-(device, block) striped lock ({@link BlockLocks}): reads shared, writes exclusive;</li>
 *   <li>the commit lock: every metadata change holds it shared from allocation to remap, so a commit (which
 *       holds it exclusive) never sees a block allocated but not yet mapped;</li>
 *   <li>the metadata's own read-write lock (inside {@link PoolMetadata}).</li>
 * </ol>
 * Reads of mapped blocks take only shared locks. A write waiting for data space holds no lock at all (it lets go
 * of its gate and stripe, waits, and retries), so a snapshot or delete of its device does not wait behind it.
 * {@link #close()} refuses new requests and waits for those in flight; engine threads are never interrupted.
 *
 * <p>The pool does not own the two devices: {@link #close()} commits and closes the metadata, not them.
 */
public final class ThinPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ThinPool.class.getName());
    private static final long SPACE_POLL_MILLIS = 1000;
    private static final int RESERVE_BATCH = 32;
    /** At most this many data flushes before a commit takes its lock; they stop once one is fast. */
    private static final int PRE_FLUSHES = 3;
    private static final long FAST_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final PoolMetadata md;
    private final BlockDevice data;
    private final int blockBytes;
    private volatile ThinPoolConfig config;
    final BlockLocks blockLocks = new BlockLocks(4096);
    private final MappingCache mappings = new MappingCache(1 << 18);
    /**
     * Shared by every metadata change from allocation to remap, exclusive for a commit. Not reentrant (a
     * {@link java.util.concurrent.locks.StampedLock}: no per-thread bookkeeping on the I/O path); no thread takes it
     * twice.
     */
    private final java.util.concurrent.locks.StampedLock commitStamps = new java.util.concurrent.locks.StampedLock();
    private final Lock commitShared = commitStamps.asReadLock();
    private final Lock commitExclusive = commitStamps.asWriteLock();
    private final ConcurrentHashMap<Long, DeviceGate> gates = new ConcurrentHashMap<>();
    private final AtomicLong gateIds = new AtomicLong();
    private final Passdown passdown = new Passdown();
    private final ZeroedBlocks zeroed = new ZeroedBlocks();
    private final FreeBlockDiscards discards;
    private final LowWaterWatch lowWater;
    private final BlockReserve reserve = new BlockReserve(RESERVE_BATCH);
    private final Object spaceMonitor = new Object();
    private final AtomicLong commits = new AtomicLong();
    private final ScheduledExecutorService daemon;
    private volatile PoolMode mode;
    private volatile boolean dirty;
    private volatile boolean noSpaceTimedOut;
    private volatile boolean closed;
    /** Set when {@link #close()} starts: new requests are refused, those in flight finish. */
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final Object idle = new Object();
    /** Set once changes acknowledged as written were dropped (abort, failed data flush): flushes fail. */
    private volatile IOException lost;
    /** True only inside {@link #commitWith}, under the exclusive commit lock, after the data flush. */
    private volatile boolean preCommitReady;

    private ThinPool(PoolMetadata md, BlockDevice data, ThinPoolConfig config) {
        this.md = md;
        this.data = data;
        this.config = config;
        this.blockBytes = md.committedSuperblock().dataBlockSize() * 512;
        this.discards = new FreeBlockDiscards(md, data, blockBytes, passdown, zeroed);
        this.mode = md.isReadOnly() ? PoolMode.READ_ONLY : PoolMode.READ_WRITE;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jlvm-thin-pool");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.daemon = ex;
        this.lowWater = new LowWaterWatch(config.lowWaterBlocks(), ex);
        md.setPreCommit(this::checkPreCommit);
        long ms = config.commitInterval().toMillis();
        if (ms > 0) {
            daemon.scheduleWithFixedDelay(this::periodicCommit, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Formats {@code metadata} for a pool whose data device is {@code data} (all of it, in whole blocks) and
     * opens the pool. When the data device's discards zero ({@link BlockDevice#discardZeroes()}, e.g. a file
     * where holes can be punched) the whole data device is discarded, so first writes need not zero new blocks
     * (a file-backed pool also starts with no space used).
     *
     * @param dataBlockSectors data block size in 512-byte sectors, a multiple of 8 (4 KiB)
     */
    public static ThinPool format(BlockDevice metadata, BlockDevice data, int dataBlockSectors, ThinPoolConfig config)
            throws IOException {
        checkBlockSize(dataBlockSectors);
        long blocks = data.size() / (dataBlockSectors * 512L);
        PoolMetadata md = PoolMetadata.format(metadata, dataBlockSectors, blocks, config.metadataCacheBytes());
        ThinPool pool = new ThinPool(md, data, config);
        pool.discards.discardUnused(0, blocks);
        return pool;
    }

    /**
     * Opens an existing pool. Metadata with NEEDS_CHECK set opens read-only, as in the kernel.
     *
     * @param dataBlockSectors the expected data block size (must equal the superblock's)
     */
    public static ThinPool open(BlockDevice metadata, BlockDevice data, int dataBlockSectors, ThinPoolConfig config)
            throws IOException {
        checkBlockSize(dataBlockSectors);
        PoolMetadata md = PoolMetadata.open(metadata, config.metadataCacheBytes(), false);
        try {
            int onDisk = md.committedSuperblock().dataBlockSize();
            if (onDisk != dataBlockSectors) {
                throw new IllegalArgumentException("pool metadata has data block size " + onDisk
                        + " sectors, not " + dataBlockSectors);
            }
            PoolStats st = md.stats();
            if (data.size() < st.dataBlocks() * dataBlockSectors * 512L) {
                throw new IllegalArgumentException("data device of " + data.size() + " bytes is smaller than the "
                        + st.dataBlocks() + " data blocks the metadata describes");
            }
            if (st.needsCheck()) {
                LOG.log(System.Logger.Level.WARNING, "pool metadata needs checking; opening read-only");
                md.setReadOnly();
            }
        } catch (RuntimeException e) {
            md.close();
            throw e;
        }
        return new ThinPool(md, data, config);
    }

    private static void checkBlockSize(int sectors) {
        if (sectors <= 0 || sectors % 8 != 0 || sectors > 2_097_152) {
            throw new IllegalArgumentException("data block size " + sectors
                    + " sectors is not a multiple of 8 sectors (4 KiB) in 8..2097152");
        }
    }

    // ------------------------------------------------------------------ accessors

    /** Data block size in bytes. */
    public int blockBytes() {
        return blockBytes;
    }

    public ThinPoolConfig config() {
        return config;
    }

    BlockDevice dataDevice() {
        return data;
    }

    /** Number of metadata commits since the pool was opened (tests and tools watch it). */
    public long commitCount() {
        return commits.get();
    }

    public PoolMode mode() {
        return mode;
    }

    /** Registers a listener for the low-water event; it runs on the pool's daemon thread. */
    public void addLowWaterListener(Consumer<ThinPoolStatus> listener) {
        lowWater.add(listener);
    }

    /** The pool's status now (uncommitted changes included). */
    public ThinPoolStatus status() {
        int reserved = reserve.size() + passdown.parkedCount();
        PoolStats st = md.stats();
        // Blocks held in the reserve are free as far as users are concerned (the next commit frees them).
        long used = Math.max(0, st.dataUsed() - reserved);
        return new ThinPoolStatus(st.transactionId(), st.metadataUsed(), st.metadataBlocks(), used,
                st.dataBlocks(), st.heldRoot(), mode, st.needsCheck(), config.discardMode(), config.noSpacePolicy());
    }

    /** Mapped blocks and highest mapped block of a device (walks its mappings). */
    public VolumeStatus volumeStatus(long dev) throws IOException {
        DeviceDetails d = md.details(dev);
        if (d == null) {
            throw new NoSuchDeviceException(dev);
        }
        return new VolumeStatus(dev, d.mappedBlocks(), md.highestMappedBlock(dev));
    }

    /** Ids of the pool's thin devices, ascending. */
    public List<Long> devices() throws IOException {
        return md.devices();
    }

    // ------------------------------------------------------------------ volumes and device operations

    /** Opens device {@code dev} as a block device of {@code sizeBytes} (a thin device has no size of its own). */
    public ThinVolume volume(long dev, long sizeBytes) throws IOException {
        checkOpen();
        if (md.details(dev) == null) {
            throw new NoSuchDeviceException(dev);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative volume size " + sizeBytes);
        }
        return new ThinVolume(this, dev, sizeBytes, gates.computeIfAbsent(dev, k -> newGate()));
    }

    private DeviceGate newGate() {
        return new DeviceGate(gateIds.incrementAndGet());
    }

    /** Creates an empty thin device and commits. */
    public void createThin(long dev) throws IOException {
        commitWith(() -> md.createThin(dev));
    }

    /**
     * Creates {@code dev} as a snapshot of {@code origin} and commits. I/O to the origin is paused while the
     * snapshot is taken, so the snapshot holds each write to it wholly or not at all.
     */
    public void createSnapshot(long dev, long origin) throws IOException {
        DeviceGate g = gates.computeIfAbsent(origin, k -> newGate());
        g.lock.asWriteLock().lock();
        try {
            commitWith(() -> md.createSnapshot(dev, origin));
        } finally {
            g.snapshottedTime = -1;
            g.lock.asWriteLock().unlock();
        }
    }

    /** Deletes a device and commits; open volumes of it fail every later I/O. */
    public void deleteDevice(long dev) throws IOException {
        DeviceGate g = gates.computeIfAbsent(dev, k -> newGate());
        g.lock.asWriteLock().lock();
        try {
            commitWith(() -> md.deleteDevice(dev));
            g.alive = false;
            gates.remove(dev, g);
        } finally {
            g.lock.asWriteLock().unlock();
        }
    }

    /** Compare-and-swap of the transaction id, then commit. */
    public void setTransactionId(long expected, long value) throws IOException {
        commitWith(() -> md.setTransactionId(expected, value));
    }

    /**
     * Takes the metadata snapshot; returns its block (the status's held root). The metadata commits inside this
     * operation, so it runs on the commit path (data flushed, reserve given back) like every commit.
     */
    public long reserveMetadataSnap() throws IOException {
        long[] held = new long[1];
        commitWith(() -> held[0] = md.reserveMetadataSnap());
        return held[0];
    }

    public void releaseMetadataSnap() throws IOException {
        commitWith(md::releaseMetadataSnap);
    }

    /**
     * Grows the pool to {@code nrBlocks} data blocks online; the data device must already be that large.
     * Queued writes resume.
     */
    public void resizeData(long nrBlocks) throws IOException {
        if (data.size() < nrBlocks * blockBytes) {
            throw new IllegalArgumentException("data device of " + data.size() + " bytes cannot hold "
                    + nrBlocks + " blocks of " + blockBytes + " bytes");
        }
        long old = md.stats().dataBlocks();
        discards.discardUnused(old, nrBlocks - old);
        commitWith(() -> md.resizeData(nrBlocks));
        synchronized (spaceMonitor) {
            noSpaceTimedOut = false;
            if (mode == PoolMode.OUT_OF_DATA_SPACE) {
                mode = PoolMode.READ_WRITE;
            }
            spaceMonitor.notifyAll();
        }
    }

    /** Grows the metadata space map to the (already grown) metadata device, online. */
    public void resizeMetadata() throws IOException {
        commitWith(md::resizeMetadata);
    }

    /**
     * Takes new zeroing, discard and when-full settings online, as a reloaded dm-thin pool table does; writes
     * waiting for space re-read the policy (with ERROR they fail now).
     */
    public void reconfigure(boolean zeroNewBlocks, DiscardMode discards, NoSpacePolicy whenFull) {
        config = config.withZeroNewBlocks(zeroNewBlocks).withDiscardMode(discards)
                .withNoSpace(whenFull, config.noSpaceTimeout());
        synchronized (spaceMonitor) {
            spaceMonitor.notifyAll();
        }
    }

    @FunctionalInterface
    interface MetadataOp {
        void run() throws IOException;
    }

    // ------------------------------------------------------------------ the I/O side (used by ThinVolume)

    /**
     * The mapping of (dev, vblock), or null; a metadata read failure fails the pool over. The caller holds the
     * block's stripe lock (shared or exclusive); the answer may come from the mapping cache.
     */
    BlockTime lookup(DeviceGate gate, long dev, long vblock) throws IOException {
        BlockTime c = mappings.get(gate.id, vblock);
        if (c != null) {
            return c == MappingCache.UNMAPPED ? null : c;
        }
        long gen = mappings.generation();
        BlockTime bt;
        try {
            bt = md.lookup(dev, vblock);
        } catch (IOException e) {
            throw metadataFailed(e);
        }
        mappings.put(gate.id, vblock, bt, gen);
        return bt;
    }

    /** The sharing test of spec §5.3 ({@code snapshotted_time > mapping time}), with the time cached in the gate. */
    boolean isShared(DeviceGate gate, long dev, BlockTime bt) throws IOException {
        long snap = gate.snapshottedTime;
        if (snap < 0) {
            DeviceDetails d;
            try {
                d = md.details(dev);
            } catch (IOException e) {
                throw metadataFailed(e);
            }
            if (d == null) {
                throw new NoSuchDeviceException(dev);
            }
            snap = Integer.toUnsignedLong(d.snapshottedTime());
            gate.snapshottedTime = snap;
        }
        return snap > Integer.toUnsignedLong(bt.time());
    }

    /** Writes the new content of a data block: given the block, returns after writing it. */
    @FunctionalInterface
    interface BlockFiller {
        /** @param knownZero the block is known to read as zeroes now (see {@link ZeroedBlocks}) */
        void fill(long newBlock, boolean knownZero) throws IOException;
    }

    /**
     * Maps (dev, vblock) to a new data block: allocates, lets {@code filler} write the block's content, then
     * inserts the mapping (which drops the old block's reference, if any): copy-on-write. The caller holds the
     * block's stripe lock for writing. Allocation and insert run under the commit lock (shared), so no commit sees
     * the block allocated but not yet mapped.
     *
     * @return false when no data block is free (after a commit, if blocks were freed since the last one): the
     *         caller lets go of its locks and waits with {@link #awaitSpace}, then tries again
     */
    boolean remap(DeviceGate gate, long dev, long vblock, BlockFiller filler) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Lock l = commitShared;
            l.lock();
            try {
                checkWritable();
                long nb = tryAllocate();
                if (nb >= 0) {
                    fillAndInsert(gate, dev, vblock, filler, nb);
                    return true;
                }
            } finally {
                l.unlock();
            }
            PoolStats st = md.stats();
            if (attempt > 0 || st.dataUsed() - passdown.parkedCount() >= st.dataBlocks()) {
                return false;
            }
            commit(); // blocks were freed since the last commit: the commit makes them allocatable
        }
    }

    private void fillAndInsert(DeviceGate gate, long dev, long vblock, BlockFiller filler, long nb)
            throws IOException {
        try {
            filler.fill(nb, zeroed.claim(nb));
        } catch (IOException | RuntimeException e) {
            releaseQuietly(nb);
            throw e;
        }
        long gen = mappings.generation();
        try {
            mappings.put(gate.id, vblock, md.insert(dev, vblock, nb), gen);
        } catch (ReadOnlyException e) {
            throw e;
        } catch (IOException e) {
            throw metadataFailed(e);
        }
    }

    /**
     * Unmaps (dev, vblock) if mapped; with passdown, remembers the data block for a discard after the next
     * commit if no device maps it any more. The caller holds the stripe lock for writing.
     */
    void unmap(DeviceGate gate, long dev, long vblock, boolean passdown) throws IOException {
        Lock l = commitShared;
        l.lock();
        try {
            BlockTime bt = lookup(gate, dev, vblock);
            if (bt == null) {
                return;
            }
            checkWritable();
            dirty = true;
            mappings.drop(gate.id, vblock);
            try {
                md.remove(dev, vblock);
                if (passdown && md.dataBlockCount(bt.block()) == 0) {
                    this.passdown.add(bt.block());
                }
            } catch (ReadOnlyException e) {
                throw e;
            } catch (IOException e) {
                throw metadataFailed(e);
            }
        } finally {
            l.unlock();
        }
    }

    /**
     * A data block for a remap, from the reserve (refilled {@value #RESERVE_BATCH} blocks at a time, so most
     * provisioning takes the metadata lock once, to insert), or -1 when the data space is exhausted.
     */
    private long tryAllocate() throws IOException {
        long b;
        dirty = true;
        try {
            do {
                b = reserve.take(md);
            } while (passdown.parkIfHeld(b));
        } catch (NoSpaceException e) {
            return -1;
        } catch (ReadOnlyException e) {
            throw e;
        } catch (IOException e) {
            throw metadataFailed(e);
        }
        if (mode == PoolMode.OUT_OF_DATA_SPACE) {
            synchronized (spaceMonitor) {
                if (mode == PoolMode.OUT_OF_DATA_SPACE) {
                    mode = PoolMode.READ_WRITE;
                    noSpaceTimedOut = false;
                }
            }
        }
        checkLowWater();
        return b;
    }

    private void releaseQuietly(long block) {
        try {
            md.releaseDataBlock(block);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release data block " + block + ": " + e.getMessage());
        }
    }

    /**
     * Called holding no lock at all (no gate, no stripe, no commit lock) after {@link #remap} found no free data
     * block: the pool is out of data space. Fails at once (error policy, or an earlier write already timed out), or
     * waits a while for space and returns so the caller retries; fails once {@code deadline} has passed.
     */
    void awaitSpace(long deadline) throws IOException {
        synchronized (spaceMonitor) {
            checkOpen();
            PoolStats st = md.stats();
            if (st.dataUsed() - passdown.parkedCount() < st.dataBlocks()) {
                return;
            }
            if (mode == PoolMode.READ_WRITE) {
                mode = PoolMode.OUT_OF_DATA_SPACE;
                LOG.log(System.Logger.Level.WARNING, "thin pool is out of data space (" + st.dataBlocks()
                        + " blocks in use)");
            }
            if (config.noSpacePolicy() == NoSpacePolicy.ERROR || noSpaceTimedOut) {
                throw new NoSpaceException("thin pool data device is full (" + st.dataBlocks() + " blocks)");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                noSpaceTimedOut = true;
                throw new NoSpaceException("thin pool data device is full (" + st.dataBlocks()
                        + " blocks); no space appeared within " + config.noSpaceTimeout());
            }
            try {
                spaceMonitor.wait(Math.max(1, Math.min(SPACE_POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for data space");
            }
        }
    }

    /** When a write that found no space gives up: now + the no-space timeout. */
    long spaceDeadline() {
        return System.nanoTime() + config.noSpaceTimeout().toNanos();
    }

    private void checkLowWater() {
        if (lowWater.armed()) {
            lowWater.check(status());
        }
    }

    void checkWritable() throws IOException {
        PoolMode m = mode;
        if (m == PoolMode.FAIL) {
            throw new IOException("thin pool has failed; every I/O is refused");
        }
        if (m == PoolMode.READ_ONLY) {
            throw new ReadOnlyException("thin pool is read-only" + (md.needsCheck() ? " and needs checking" : ""));
        }
    }

    void checkOpen() throws IOException {
        if (closing || closed) {
            throw new IOException("thin pool is closed");
        }
        if (mode == PoolMode.FAIL) {
            throw new IOException("thin pool has failed; every I/O is refused");
        }
    }

    /**
     * A metadata operation failed: abort to the last commit, set NEEDS_CHECK, go read-only (or fail when even
     * that is impossible). Returns the exception to throw.
     */
    IOException metadataFailed(IOException cause) {
        synchronized (spaceMonitor) {
            if (mode == PoolMode.READ_ONLY || mode == PoolMode.FAIL) {
                return cause;
            }
            if (dirty && lost == null) {
                lost = cause; // the transaction had changes: what was acknowledged since the last commit is gone
            }
            md.setReadOnly();
            mappings.invalidateAll();
            reserve.forget();
            passdown.forgetTransaction();
            try {
                md.setNeedsCheck();
                mode = PoolMode.READ_ONLY;
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
                mode = PoolMode.FAIL;
            }
            spaceMonitor.notifyAll();
        }
        String what = cause instanceof NoSpaceException ? "metadata space is exhausted"
                : "a metadata operation failed (" + cause.getMessage() + ")";
        LOG.log(System.Logger.Level.ERROR, "thin pool: " + what + "; transaction aborted, needs_check set, pool is "
                + mode.statusWord());
        IOException e = cause instanceof NoSpaceException
                ? new NoSpaceException("thin pool " + what + "; the pool is now " + mode.statusWord()
                        + " and needs checking")
                : new IOException("thin pool: " + what + "; the pool is now " + mode.statusWord()
                        + " and needs checking", cause);
        if (e.getCause() == null) {
            e.initCause(cause);
        }
        return e;
    }

    // ------------------------------------------------------------------ commit and close

    /**
     * Makes every write that returned before this call durable: flush the data device, commit the metadata
     * (superblock last). In read-only mode only the data device is flushed (the metadata is at its last commit).
     *
     * @throws IOException when the pool has dropped changes since its last commit (an abort, a failed data
     *         flush): every later flush fails too, until the pool is reopened
     */
    public void commit() throws IOException {
        commitWith(null);
    }

    /** A volume request starts (counted, so {@link #close()} can wait for it). */
    void ioBegin() throws IOException {
        inFlight.incrementAndGet();
        if (closing || closed) {
            ioEnd();
            checkOpen();
        }
    }

    void ioEnd() {
        if (inFlight.decrementAndGet() == 0 && closing) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /**
     * The one commit path of the pool (the kernel's pre-commit hook, then commit): with the commit lock exclusive
     * (no remap in flight), flush the data device, give the reserve back, apply {@code change} (a device operation,
     * which may itself commit inside the metadata, as the metadata snapshot does), commit the metadata. Then,
     * outside the lock, the blocks the commit freed are discarded (passdown).
     *
     * @param change null for a plain commit
     */
    private void commitWith(MetadataOp change) throws IOException {
        checkOpen();
        commitNow(change);
    }

    private void commitNow(MetadataOp change) throws IOException {
        checkNotLost();
        if (dirty || change != null) {
            try {
                preFlushData();
            } catch (IOException e) {
                commitExclusive.lock();
                try {
                    throw dataFlushFailed(e);
                } finally {
                    commitExclusive.unlock();
                }
            }
        }
        List<Long> freed = List.of();
        commitExclusive.lock();
        try {
            checkNotLost();
            if (mode == PoolMode.READ_ONLY || mode == PoolMode.FAIL) {
                if (change != null) {
                    checkWritable();
                }
                flushData();
                return;
            }
            flushData();
            preCommitReady = true;
            try {
                reserve.giveBack(md);
                passdown.releaseParked(md);
                if (change != null) {
                    dirty = true;
                    change.run();
                }
                if (dirty) {
                    md.commit();
                    dirty = false;
                    commits.incrementAndGet();
                    freed = passdown.takeCommitted();
                }
            } catch (NoSuchDeviceException | org.jlvm.thin.meta.DeviceExistsException | ReadOnlyException e) {
                throw e;
            } catch (IOException e) {
                throw metadataFailed(e);
            } finally {
                preCommitReady = false;
            }
        } finally {
            commitExclusive.unlock();
        }
        discards.passdownFreed(freed);
        checkLowWater();
        synchronized (spaceMonitor) {
            spaceMonitor.notifyAll();
        }
    }

    /**
     * Runs first in every metadata commit: refuses one that did not come through {@link #commitWith} (so none can
     * publish a superblock before the data flush, concurrently with remaps, or with the reserve counted used).
     */
    private void checkPreCommit() {
        if (!preCommitReady || !commitStamps.isWriteLocked() || reserve.size() != 0 || passdown.parkedCount() != 0) {
            throw new IllegalStateException("thin pool metadata commit outside the pool's commit path");
        }
    }

    /** Flushes the data device under the exclusive commit lock; a failure aborts (see {@link #dataFlushFailed}). */
    private void flushData() throws IOException {
        try {
            data.flush();
        } catch (IOException e) {
            throw dataFlushFailed(e);
        }
    }

    /**
     * The data device failed a flush: what was written since the last one may be lost, and a retry would report
     * success (Linux reports a write-back error once). As the kernel does: abort the transaction, set
     * NEEDS_CHECK, go read-only; every later flush fails until reopen.
     */
    private IOException dataFlushFailed(IOException e) {
        IOException wrapped = new IOException("thin pool: the data device failed a flush (" + e.getMessage()
                + "); writes since the last commit may be lost", e);
        lost = wrapped;
        if (mode == PoolMode.READ_ONLY || mode == PoolMode.FAIL) {
            return wrapped;
        }
        return metadataFailed(wrapped);
    }

    /** Fails when the pool dropped changes since its last commit (it stays so until reopened). */
    private void checkNotLost() throws IOException {
        IOException l = lost;
        if (l != null) {
            throw new IOException("thin pool lost changes since its last commit (" + l.getMessage()
                    + "); flushes fail until the pool is reopened", l);
        }
    }

    /**
     * Writes back the data device's cache before the commit lock is taken, so the flush under the lock (which
     * stalls every provisioning write) has only what was written meanwhile to do. Repeats while a flush is slow,
     * a bounded number of times.
     */
    private void preFlushData() throws IOException {
        for (int i = 0; i < PRE_FLUSHES; i++) {
            long t0 = System.nanoTime();
            data.flush();
            if (System.nanoTime() - t0 < FAST_FLUSH_NANOS) {
                return;
            }
        }
    }

    private void periodicCommit() {
        if (!dirty || closing || closed || mode != PoolMode.READ_WRITE && mode != PoolMode.OUT_OF_DATA_SPACE) {
            return;
        }
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "periodic thin pool commit failed: " + e.getMessage());
        }
    }

    /**
     * Refuses new requests, waits for those in flight (a write waiting for data space gives up), stops the commit
     * daemon, commits (unless read-only or failed) and closes the metadata.
     *
     * @throws IOException when the final commit fails, or the pool had dropped changes (abort, failed data flush):
     *         what was acknowledged since the last commit is not on disk
     */
    @Override
    public void close() throws IOException {
        synchronized (idle) {
            if (closing) {
                return;
            }
            closing = true;
        }
        synchronized (spaceMonitor) {
            spaceMonitor.notifyAll();
        }
        awaitIdle();
        stopDaemon();
        try {
            if (mode == PoolMode.READ_WRITE || mode == PoolMode.OUT_OF_DATA_SPACE) {
                commitNow(null);
            } else {
                if (mode == PoolMode.READ_ONLY) {
                    commitExclusive.lock();
                    try {
                        flushData(); // in-place overwrites since the abort (best effort when changes were lost)
                    } finally {
                        commitExclusive.unlock();
                    }
                }
                checkNotLost();
            }
        } finally {
            closed = true;
            md.close();
        }
    }

    private void awaitIdle() {
        boolean interrupted = false;
        synchronized (idle) {
            while (inFlight.get() > 0) {
                try {
                    idle.wait(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For crash tests: stops without committing or flushing anything, as a power cut would. A background commit
     * already running is allowed to finish (never interrupted: engine threads are not interrupted during I/O).
     */
    public void closeAbruptly() {
        closing = true;
        closed = true;
        stopDaemon();
        synchronized (spaceMonitor) {
            spaceMonitor.notifyAll();
        }
        md.close();
    }

    /** Lets a running commit or listener finish; never interrupts it (its I/O must not be cut short). */
    private void stopDaemon() {
        daemon.shutdown();
        boolean interrupted = false;
        while (!daemon.isTerminated()) {
            try {
                daemon.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
