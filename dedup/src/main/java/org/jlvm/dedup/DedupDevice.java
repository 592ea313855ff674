package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jlvm.dedup.compress.Codec;
import org.jlvm.dedup.compress.Lz4Codec;
import org.jlvm.dedup.compress.Packer;
import org.jlvm.dedup.format.Geometry;
import org.jlvm.dedup.format.MapEntry;
import org.jlvm.dedup.format.PackedBlock;
import org.jlvm.dedup.format.Superblock;
import org.jlvm.dedup.index.Fingerprint;
import org.jlvm.dedup.index.FingerprintIndex;
import org.jlvm.dedup.map.BlockMap;
import org.jlvm.dedup.map.RefCounts;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.error.ReadOnlyException;
import org.jlvm.pool.io.BlockDevice;

/**
 * A deduplicating, compressing {@link BlockDevice} over a backing device (format: {@code dedup/DESIGN.md}).
 *
 * <p>Any offset and length are accepted; partial 4 KiB blocks are read-modify-write. The logical size may
 * exceed the backing size. A write returns once its data is stored in a reserved block (or packed into the
 * open packed block, or shared); it is durable once a later {@link #flush()} completes. A
 * {@link #writeFua} write never goes to the packer and is durable when it returns. The open packed block is
 * written once it waited {@link DedupOptions#packerMaxWaitMillis()} (by the next write or a daemon timer
 * thread that {@link #close()} stops); written, not durable. Discard unmaps
 * whole blocks (they read as zeroes). When the backing device is full a write fails with
 * {@link NoSpaceException} and changes nothing. An inconsistency (bad refcount, corrupt fragment) puts the
 * device in a persistent read-only mode: writes fail with {@link ReadOnlyException}, reads go on.
 *
 * <p>Thread-safe. Lock order: commit mutex (flush, close: one commit at a time, held during its I/O) &rarr;
 * commit lock (shared for I/O, exclusive only while a commit copies its pages in memory) &rarr; logical-block stripe
 * &rarr; fingerprint stripe (the hash lock: identical concurrent writes meet here) &rarr; packer &rarr;
 * metadata lock. {@link #close()} flushes, saves the index and closes the backing device.
 */
public final class DedupDevice implements BlockDevice {
    private static final System.Logger LOG = System.getLogger(DedupDevice.class.getName());
    static final int BLOCK = Geometry.BLOCK;
    private static final int STRIPES = 1024;
    private static final byte[] ZEROES = new byte[BLOCK];

    private final BlockDevice backing;
    private final MetadataStore store;
    private final Superblock geometry;
    private final BlockMap map;
    private final RefCounts refs;
    private final FingerprintIndex index;
    private final Codec codec;
    private final boolean compression;
    private final boolean openedReadOnly;
    private final Packer packer;
    private final DataReader reader;
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();
    /** Serializes commits (flush, close) and the on-disk record of read-only mode; held during their I/O. */
    private final ReentrantLock commitMutex = new ReentrantLock();
    private final Object openKey;
    private final ReentrantLock metaLock = new ReentrantLock();
    private final ReentrantLock[] lbaLocks = new ReentrantLock[STRIPES];
    private final ReentrantLock[] hashLocks = new ReentrantLock[STRIPES];
    private final ThreadLocal<byte[]> compressBuffer;
    private final Counters counters = new Counters();
    private final VerifyCache verifyCache = new VerifyCache(1024);
    private final DeviceMode mode = new DeviceMode();
    private final LowWaterAlarm lowWater = new LowWaterAlarm();
    private long logicalUsed;
    private volatile boolean closed;
    private final PackerTimer packerTimer;
    private final CommitSteps commits;

    private DedupDevice(BlockDevice backing, MetadataStore store, DedupOptions options, Object openKey)
            throws IOException {
        this.backing = backing;
        this.openKey = openKey;
        this.store = store;
        this.geometry = store.superblock();
        this.map = store.map();
        this.refs = store.refs();
        this.index = FingerprintIndex.withCapacity((int) Math.min(Integer.MAX_VALUE, geometry.indexSlots()));
        this.codec = options.pureJavaLz4() ? Lz4Codec.pureJava() : Lz4Codec.fastest();
        this.compression = options.compression();
        this.openedReadOnly = options.readOnly();
        this.compressBuffer = ThreadLocal.withInitial(() -> new byte[codec.maxCompressedLength()]);
        long maxWait = options.packerMaxWaitMillis();
        this.packer = new Packer(new PackerSink(metaLock, refs, backing, geometry.dataStart()),
                TimeUnit.MILLISECONDS.toNanos(maxWait));
        this.commits = new CommitSteps(backing, store, packer, metaLock, mode, verifyCache);
        this.reader = new DataReader(backing, packer, codec, geometry.dataStart(), geometry.dataBlocks());
        for (int i = 0; i < STRIPES; i++) {
            lbaLocks[i] = new ReentrantLock();
            hashLocks[i] = new ReentrantLock();
        }
        for (long lba = 0; lba < map.size(); lba++) {
            if (map.get(lba) != MapEntry.UNMAPPED) {
                logicalUsed++;
            }
        }
        if (geometry.readOnly()) {
            mode.recordedReadOnly(geometry.readOnlyReason());
        } else if (store.loadProblem() != null) {
            enterReadOnly(store.loadProblem());
        }
        store.loadIndex(index);
        this.packerTimer = maxWait > 0 && !openedReadOnly
                ? new PackerTimer(this::writeExpiredPackedBlock, Math.max(1, maxWait / 2)) : null;
    }

    /** Formats {@code backing} as an empty dedup device and opens it. */
    public static DedupDevice format(BlockDevice backing, DedupOptions options) throws IOException {
        if (options.logicalBytes() <= 0 || options.logicalBytes() % BLOCK != 0) {
            throw new IllegalArgumentException("logical size " + options.logicalBytes()
                    + " must be a positive multiple of " + BLOCK);
        }
        if (OpenDevices.isOpen(backing)) {
            OpenDevices.claim(backing); // fails with the "already open" message
        }
        MetadataStore.format(backing, options.logicalBytes() / BLOCK,
                options.indexSlotsFor(backing.size() / BLOCK));
        return open(backing, options);
    }

    /**
     * Opens a formatted device, recovering the state of the last completed flush. A read-only open, and an
     * open of a device in persistent read-only mode, writes nothing. A second read-write open of a backing
     * device this process has open fails.
     */
    public static DedupDevice open(BlockDevice backing, DedupOptions options) throws IOException {
        Object key = options.readOnly() ? null : OpenDevices.claim(backing);
        try {
            boolean repair = !options.readOnly() && !MetadataStore.readSuperblock(backing).readOnly();
            return new DedupDevice(backing, MetadataStore.open(backing, repair), options, key);
        } catch (IOException | RuntimeException e) {
            if (key != null) {
                OpenDevices.release(key);
            }
            throw e;
        }
    }

    /** Reads only the superblock of a dedup device (for tools). */
    public static Superblock readSuperblock(BlockDevice backing) throws IOException {
        return MetadataStore.readSuperblock(backing);
    }

    @Override
    public long size() {
        return geometry.logicalBlocks() * BLOCK;
    }

    @Override
    public boolean supportsDiscard() {
        return true;
    }

    /** The reason for read-only mode, or null when writable. */
    public String readOnlyReason() {
        return mode.readOnlyReason();
    }

    /** The geometry and committed generation. */
    public Superblock superblock() {
        metaLock.lock();
        try {
            return store.superblock();
        } finally {
            metaLock.unlock();
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        checkRange(offset, dst.remaining());
        boolean interrupted = Thread.interrupted();
        commitLock.readLock().lock();
        try {
            checkOpen();
            byte[] block = new byte[BLOCK];
            while (dst.hasRemaining()) {
                long lba = offset / BLOCK;
                int in = (int) (offset % BLOCK);
                int n = Math.min(BLOCK - in, dst.remaining());
                readBlock(lba, block);
                dst.put(block, in, n);
                offset += n;
                counters.reads.increment();
            }
        } finally {
            commitLock.readLock().unlock();
            restoreInterrupt(interrupted);
        }
    }

    /**
     * Sets the caller's interrupt flag again. Entry points clear it for their duration, so that an
     * interrupted caller does not make an interruptible backing channel close itself for every user.
     */
    private static void restoreInterrupt(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logical block content into {@code out}; caller holds the commit lock (shared). */
    private void readBlock(long lba, byte[] out) throws IOException {
        long entry;
        metaLock.lock();
        try {
            entry = map.get(lba);
            if (!mode.writable() && map.dirty().get((int) (lba / Geometry.MAP_ENTRIES_PER_PAGE))) {
                // read-only with changes that will never be committed: do not serve what will not survive
                throw mode.lostToReadOnly();
            }
        } finally {
            metaLock.unlock();
        }
        try {
            reader.readEntry(entry, out);
        } catch (CorruptMetadataException e) {
            enterReadOnly("logical block " + lba + ": " + e.getMessage());
            throw e;
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * Registers a low-water event: {@code listener} runs (on a writing thread, with no lock held) once when
     * the data blocks that are free or will be free after the next flush drop below {@code freeBlocks}; it
     * re-arms when they rise above it again. The listener may call {@link #flush()} or {@link #statistics()}.
     */
    public void setLowWater(long freeBlocks, Runnable listener) {
        lowWater.set(freeBlocks, listener);
    }

    private void checkLowWater() {
        lowWater.check(() -> {
            metaLock.lock();
            try {
                return refs.free() + refs.pendingFree();
            } finally {
                metaLock.unlock();
            }
        });
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        try {
            writeRange(offset, src, false);
        } finally {
            checkLowWater();
        }
    }

    /**
     * A write that is durable when it returns. New data is stored raw (never parked in the packer's open
     * block), data already stored is shared; then the device flushes, which commits the mapping.
     */
    @Override
    public void writeFua(long offset, ByteBuffer src) throws IOException {
        try {
            writeRange(offset, src, true);
            counters.fuaWrites.increment();
        } finally {
            checkLowWater();
        }
        flush();
    }

    private void writeRange(long offset, ByteBuffer src, boolean fua) throws IOException {
        checkRange(offset, src.remaining());
        boolean interrupted = Thread.interrupted();
        commitLock.readLock().lock();
        try {
            checkWritable();
            byte[] block = new byte[BLOCK];
            while (src.hasRemaining()) {
                long lba = offset / BLOCK;
                int in = (int) (offset % BLOCK);
                int n = Math.min(BLOCK - in, src.remaining());
                ReentrantLock lock = lbaLocks[(int) (lba % STRIPES)];
                lock.lock();
                try {
                    if (n < BLOCK) {
                        readBlock(lba, block);
                    }
                    src.get(block, in, n);
                    writeBlock(lba, block, fua);
                } finally {
                    lock.unlock();
                }
                offset += n;
            }
        } finally {
            commitLock.readLock().unlock();
            restoreInterrupt(interrupted);
        }
    }

    /** Stores one full block for {@code lba}; caller holds the commit lock (shared) and the lba stripe. */
    private void writeBlock(long lba, byte[] data, boolean fua) throws IOException {
        counters.writes.increment();
        long entry;
        if (Arrays.equals(data, ZEROES)) {
            counters.zeroBlocks.increment();
            entry = MapEntry.ZERO;
        } else {
            entry = storeOrShare(data, fua);
        }
        install(lba, entry);
    }

    /**
     * Dedup, else compress and pack (unless {@code fua}), else store raw; returns the new mapping holding one
     * reference.
     */
    private long storeOrShare(byte[] data, boolean fua) throws IOException {
        Fingerprint name = Fingerprint.of(data, 0, BLOCK);
        ReentrantLock hashLock = hashLocks[(int) ((name.h1() ^ (name.h1() >>> 32)) & (STRIPES - 1))];
        if (!hashLock.tryLock()) {
            counters.concurrentMatches.increment();
            hashLock.lock();
        }
        try {
            long advice = index.lookup(name);
            if (advice != 0) {
                if (verifyAndPin(advice, data)) {
                    counters.adviceValid.increment();
                    return advice;
                }
                index.remove(name, advice);
            }
            long entry = store(data, fua);
            index.put(name, entry);
            verifyCache.put(entry, data.clone());
            return entry;
        } catch (NoSpaceException e) {
            counters.noSpace.increment();
            throw e;
        } finally {
            hashLock.unlock();
        }
    }

    /**
     * Pins the advised location (one reference per touched block) if it is referenced and below the sharing
     * limit, then compares all 4096 bytes. Keeps the references on a match, drops them otherwise.
     */
    private boolean verifyAndPin(long advice, byte[] data) throws IOException {
        int kind = MapEntry.kind(advice);
        long pbn = MapEntry.pbn(advice);
        boolean spans = kind == MapEntry.KIND_COMPRESSED
                && MapEntry.offset(advice) + MapEntry.length(advice) > PackedBlock.PAYLOAD;
        metaLock.lock();
        try {
            if (!MapEntry.holdsData(advice) || pbn + (spans ? 1 : 0) >= geometry.dataBlocks()) {
                counters.adviceStale.increment();
                return false;
            }
            if (refs.get(pbn) == RefCounts.MAX_SHARERS || (spans && refs.get(pbn + 1) == RefCounts.MAX_SHARERS)) {
                counters.rollovers.increment();
                return false;
            }
            if (!refs.tryShare(pbn)) {
                counters.adviceStale.increment();
                return false;
            }
            if (spans && !refs.tryShare(pbn + 1)) {
                refs.decrement(pbn);
                counters.adviceStale.increment();
                return false;
            }
        } finally {
            metaLock.unlock();
        }
        boolean same = false;
        try {
            byte[] cached = verifyCache.get(advice);
            if (cached != null) {
                counters.verifyCacheHits.increment();
                same = Arrays.equals(cached, data);
            } else {
                byte[] candidate = new byte[BLOCK];
                reader.readEntry(advice, candidate);
                same = Arrays.equals(candidate, data);
                verifyCache.put(advice, candidate);
            }
        } catch (CorruptMetadataException e) {
            same = false;
        } finally {
            if (!same) {
                counters.adviceStale.increment();
                release(advice);
            }
        }
        return same;
    }

    /** Stores new data: a packed fragment when it compresses well enough (never for FUA), else a raw block. */
    private long store(byte[] data, boolean fua) throws IOException {
        if (compression && !fua) {
            byte[] buf = compressBuffer.get();
            int n = codec.compress(data, buf);
            if (n <= PackedBlock.MAX_FRAGMENT) {
                Packer.Placement p = packer.add(buf, n);
                return MapEntry.compressed(p.pbn(), p.offset(), p.length());
            }
        }
        long pbn;
        metaLock.lock();
        try {
            pbn = refs.allocate();
        } finally {
            metaLock.unlock();
        }
        try {
            backing.write((geometry.dataStart() + pbn) * BLOCK, ByteBuffer.wrap(data));
        } catch (IOException e) {
            metaLock.lock();
            try {
                refs.abandon(pbn);
            } finally {
                metaLock.unlock();
            }
            throw e;
        }
        counters.rawBlocks.increment();
        metaLock.lock();
        try {
            refs.confirm(pbn);
        } finally {
            metaLock.unlock();
        }
        return MapEntry.raw(pbn);
    }

    /** Maps {@code lba} to {@code entry} (which already holds its reference) and releases the old mapping. */
    private void install(long lba, long entry) throws IOException {
        metaLock.lock();
        try {
            long old = map.set(lba, entry);
            if (old == MapEntry.UNMAPPED && entry != MapEntry.UNMAPPED) {
                logicalUsed++;
            } else if (old != MapEntry.UNMAPPED && entry == MapEntry.UNMAPPED) {
                logicalUsed--;
            }
            releaseLocked(old);
        } finally {
            metaLock.unlock();
        }
    }

    private void release(long entry) throws IOException {
        metaLock.lock();
        try {
            releaseLocked(entry);
        } finally {
            metaLock.unlock();
        }
    }

    /** Drops the references of a mapping; caller holds the metadata lock. */
    private void releaseLocked(long entry) throws IOException {
        if (!MapEntry.holdsData(entry)) {
            return;
        }
        long pbn = MapEntry.pbn(entry);
        try {
            refs.decrement(pbn);
            if (MapEntry.kind(entry) == MapEntry.KIND_COMPRESSED
                    && MapEntry.offset(entry) + MapEntry.length(entry) > PackedBlock.PAYLOAD) {
                refs.decrement(pbn + 1);
            }
        } catch (CorruptMetadataException | ArrayIndexOutOfBoundsException e) {
            String reason = "releasing " + MapEntry.describe(entry) + ": " + e.getMessage();
            enterReadOnly(reason);
            throw new CorruptMetadataException(pbn, "refcount", reason);
        }
    }

    // ---------------------------------------------------------------- discard, zeroes

    /** Unmaps the whole 4 KiB blocks inside the range (they read as zeroes); partial blocks are left alone. */
    @Override
    public void discard(long offset, long length) throws IOException {
        checkRange(offset, length);
        remap(offset, length, MapEntry.UNMAPPED);
    }

    /** Whole blocks become zero mappings (no space used); partial blocks are written with zeroes. */
    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        checkRange(offset, length);
        long end = offset + length;
        long firstFull = Geometry.ceilDiv(offset, BLOCK) * BLOCK;
        long lastFull = end / BLOCK * BLOCK;
        if (firstFull >= lastFull) {
            write(offset, ByteBuffer.allocate((int) length));
            return;
        }
        if (offset < firstFull) {
            write(offset, ByteBuffer.allocate((int) (firstFull - offset)));
        }
        remap(firstFull, lastFull - firstFull, MapEntry.ZERO);
        if (lastFull < end) {
            write(lastFull, ByteBuffer.allocate((int) (end - lastFull)));
        }
    }

    /**
     * Sets every whole block of the range to {@code entry}, in batches of up to {@link #STRIPES} consecutive
     * blocks: each batch takes the blocks' logical-block stripes (in stripe order, so two remaps cannot
     * deadlock) like a partial write does, then one metadata-lock hold; a concurrent read-modify-write of a
     * block therefore happens entirely before or after.
     */
    private void remap(long offset, long length, long entry) throws IOException {
        long first = Geometry.ceilDiv(offset, BLOCK);
        long end = (offset + length) / BLOCK;
        boolean interrupted = Thread.interrupted();
        commitLock.readLock().lock();
        try {
            checkWritable();
            for (long b = first; b < end; b += STRIPES) {
                long stop = Math.min(end, b + STRIPES);
                int[] stripes = new int[(int) (stop - b)];
                for (int i = 0; i < stripes.length; i++) {
                    stripes[i] = (int) ((b + i) % STRIPES);
                }
                Arrays.sort(stripes);
                int held = 0;
                try {
                    for (int stripe : stripes) {
                        lbaLocks[stripe].lock();
                        held++;
                    }
                    remapLocked(b, stop, entry);
                } finally {
                    for (int i = held - 1; i >= 0; i--) {
                        lbaLocks[stripes[i]].unlock();
                    }
                }
            }
        } finally {
            commitLock.readLock().unlock();
            restoreInterrupt(interrupted);
        }
    }

    private void remapLocked(long from, long to, long entry) throws IOException {
        metaLock.lock();
        try {
            for (long lba = from; lba < to; lba++) {
                if (map.get(lba) == entry) {
                    continue;
                }
                install(lba, entry);
                if (entry == MapEntry.UNMAPPED) {
                    counters.discarded.increment();
                }
            }
        } finally {
            metaLock.unlock();
        }
    }

    // ---------------------------------------------------------------- flush, close, modes

    /**
     * Writes the open packed block, commits map and refcount changes and flushes the backing device. Every
     * write that returned before this call is durable when it returns.
     *
     * <p>Reads and writes stop only while the dirty pages are copied in memory; the commit's writes and
     * flushes run without the device lock. A failed commit puts the device in read-only mode and makes this
     * and every later flush, FUA write and close fail until it is reopened.
     */
    @Override
    public void flush() throws IOException {
        boolean interrupted = Thread.interrupted();
        commitMutex.lock();
        try {
            commitLock.readLock().lock();
            try {
                checkOpen();
                if (mode.writable()) {
                    packer.close(); // the open packed block, written while reads and writes go on
                }
            } finally {
                commitLock.readLock().unlock();
            }
            MetadataStore.CommitPlan plan;
            commitLock.writeLock().lock();
            try {
                checkOpen();
                plan = commits.prepare();
            } finally {
                commitLock.writeLock().unlock();
            }
            commits.run(plan);
        } finally {
            commitMutex.unlock();
            persistReadOnlyIfNeeded();
            restoreInterrupt(interrupted);
        }
    }

    /**
     * Timer task: writes the packer's open block if it waited longer than the limit (written, not durable).
     * Skips this tick when a flush or close holds the commit lock. A failure leaves the block open for the
     * next flush, which reports it.
     */
    private void writeExpiredPackedBlock() {
        if (!commitLock.readLock().tryLock()) {
            return;
        }
        try {
            if (!closed && mode.writable()) {
                packer.closeIfExpired();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "writing a packed block that waited too long: " + e);
        } finally {
            commitLock.readLock().unlock();
        }
    }

    private void stopTimer() {
        if (packerTimer != null) {
            packerTimer.stop();
        }
    }

    /**
     * Simulates a power cut for crash tests: stops the background timer and refuses further I/O without
     * writing anything (not even the open packed block) and without closing the backing device.
     */
    void halt() {
        stopTimer();
        commitLock.writeLock().lock();
        try {
            closed = true;
            releaseOpenKey();
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    private void releaseOpenKey() {
        if (openKey != null) {
            OpenDevices.release(openKey);
        }
    }

    /**
     * Waits for the I/O in flight, commits (as {@link #flush()}), persists the fingerprint index, and closes
     * the backing device; later calls fail with "closed". Fails, after closing, when changes were lost.
     */
    @Override
    public void close() throws IOException {
        boolean interrupted = Thread.interrupted();
        stopTimer();
        commitMutex.lock();
        try {
            commitLock.writeLock().lock();
            try {
                if (closed) {
                    return;
                }
                try {
                    if (!openedReadOnly) {
                        commits.run(commits.prepare());
                        if (mode.writable()) {
                            store.saveIndex(index);
                        }
                    }
                } finally {
                    closed = true;
                    releaseOpenKey();
                    backing.close();
                }
            } finally {
                commitLock.writeLock().unlock();
            }
        } finally {
            commitMutex.unlock();
            restoreInterrupt(interrupted);
        }
    }

    /**
     * Puts the device in read-only mode for an inconsistency and records it on disk (best effort, by whoever
     * can take the commit mutex first); it survives reopen until a rebuild.
     */
    void enterReadOnly(String reason) {
        if (mode.enterReadOnly(reason)) {
            persistReadOnlyIfNeeded();
        }
    }

    private void persistReadOnlyIfNeeded() {
        if (!openedReadOnly) {
            mode.persistIfNeeded(commitMutex, () -> closed, store::persistReadOnly);
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("dedup device is closed");
        }
    }

    private void checkWritable() throws IOException {
        checkOpen();
        if (openedReadOnly) {
            counters.readOnlyErrors.increment();
            throw new ReadOnlyException("dedup device is open read-only");
        }
        String reason = mode.readOnlyReason();
        if (reason != null) {
            counters.readOnlyErrors.increment();
            throw new ReadOnlyException("dedup device is in read-only mode: " + reason);
        }
    }

    /** A consistent snapshot of the counters. */
    public DedupStatistics statistics() {
        long fragments = packer.fragmentsWritten();
        long packedBlocks = packer.blocksWritten();
        long inPacker = packer.fragmentsInPacker();
        metaLock.lock();
        try {
            String reason = mode.readOnlyReason();
            return new DedupStatistics(geometry.totalBlocks(), geometry.logicalBlocks(), refs.used(),
                    geometry.overheadBlocks(), logicalUsed, refs.pendingFree(), BLOCK,
                    reason != null ? "read-only" : "normal", reason == null ? "" : reason, counters.writes.sum(), counters.reads.sum(),
                    counters.zeroBlocks.sum(), counters.adviceValid.sum(), counters.adviceStale.sum(),
                    counters.concurrentMatches.sum(), counters.rollovers.sum(), fragments,
                    packedBlocks, inPacker, counters.rawBlocks.sum(), index.entries(),
                    index.capacity(), index.hits(), index.misses(), index.evictions(), index.bytesPerEntry(),
                    store.commits(), store.metadataWrites(), counters.discarded.sum(), counters.noSpace.sum(),
                    counters.readOnlyErrors.sum(), counters.verifyCacheHits.sum(), codec.name(),
                    counters.fuaWrites.sum(), packer.timedOutBlocks());
        } finally {
            metaLock.unlock();
        }
    }

    /** The map entry of a logical block (tests). */
    long mappingOf(long lba) {
        metaLock.lock();
        try {
            return map.get(lba);
        } finally {
            metaLock.unlock();
        }
    }

    /** Drops the fingerprint index (as after losing it); only dedup of older data is lost. */
    public void forgetIndex() {
        index.clear();
    }
}
