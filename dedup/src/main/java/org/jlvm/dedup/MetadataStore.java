package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jlvm.dedup.format.Geometry;
import org.jlvm.dedup.format.MapEntry;
import org.jlvm.dedup.format.PackedBlock;
import org.jlvm.dedup.format.Superblock;
import org.jlvm.dedup.format.SuperblockCodec;
import org.jlvm.dedup.index.FingerprintIndex;
import org.jlvm.dedup.map.BlockMap;
import org.jlvm.dedup.map.PageRegion;
import org.jlvm.dedup.map.RefCounts;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.error.NoSpaceException;
import org.jlvm.pool.io.BlockDevice;

/**
 * The dedup device's persistent metadata: superblock pair, map and refcount pages, persisted index.
 *
 * <p>Commit protocol (generation g = committed + 1): write dirty map and refcount pages into their
 * non-current slots stamped g; flush the backing device (this also makes every data block written before
 * durable); write the superblock naming g into block {@code g % 2}; flush. A crash anywhere before the last
 * flush completes leaves generation g-1 or g, both consistent.
 *
 * <p>A commit runs in three steps so that the device stops I/O only for the in-memory part:
 * {@link #prepareCommit()} (metadata lock, no I/O in flight: copies the dirty pages and the pending frees),
 * {@link #writeCommit} (the I/O, no device lock held) and {@link #completeCommit} or {@link #failCommit}
 * (metadata lock). Commits, {@link #persistReadOnly} and {@link #saveIndex} are serialized by the caller
 * (the device's commit mutex).
 */
final class MetadataStore {
    private static final byte[] INDEX_MAGIC = "JLDDIDX1".getBytes(StandardCharsets.US_ASCII);
    private final BlockDevice backing;
    private volatile Superblock sb;
    private final BlockMap map;
    private final RefCounts refs;
    private final PageRegion mapRegion;
    private final PageRegion refRegion;
    private final String loadProblem;
    private long metadataWrites;
    private long commits;

    private MetadataStore(BlockDevice backing, Superblock sb, boolean repair) throws IOException {
        this.backing = backing;
        this.sb = sb;
        this.map = new BlockMap(sb.logicalBlocks());
        this.refs = new RefCounts(sb.dataBlocks());
        this.mapRegion = new PageRegion(backing, sb.mapStart(), map);
        this.refRegion = new PageRegion(backing, sb.refStart(), refs);
        mapRegion.load(sb.generation(), repair);
        refRegion.load(sb.generation(), repair);
        String problem = mapRegion.damage();
        if (problem == null) {
            problem = refRegion.damage();
        }
        for (long p = 0; p < refs.blocks(); p++) {
            if (refs.get(p) == RefCounts.PROVISIONAL) {
                if (problem == null) {
                    problem = "data block " + p + " has refcount 255 on disk; run an offline rebuild";
                }
                refs.force(p, RefCounts.MAX_SHARERS);
            }
        }
        refs.dirty().clear();
        refs.loaded();
        if (problem == null) {
            problem = crossCheck();
        }
        this.loadProblem = problem;
    }

    /**
     * Compares every refcount with the references the map holds (counted in one byte per data block,
     * saturating at 255); the first difference, or null.
     */
    private String crossCheck() {
        byte[] counts = new byte[(int) sb.dataBlocks()];
        for (long lba = 0; lba < map.size(); lba++) {
            long e = map.get(lba);
            if (!MapEntry.holdsData(e)) {
                continue;
            }
            long pbn = MapEntry.pbn(e);
            boolean spans = spans(e);
            if (pbn + (spans ? 1 : 0) >= counts.length) {
                return "logical block " + lba + " maps outside the data region: " + MapEntry.describe(e)
                        + "; run an offline rebuild";
            }
            bump(counts, (int) pbn);
            if (spans) {
                bump(counts, (int) pbn + 1);
            }
        }
        for (int p = 0; p < counts.length; p++) {
            int c = counts[p] & 0xff;
            if (c != refs.get(p)) {
                return "data block " + p + " has refcount " + refs.get(p) + " but the map holds "
                        + (c == 255 ? "more than 254" : Integer.toString(c)) + " references; run an offline rebuild";
            }
        }
        return null;
    }

    private static void bump(byte[] counts, int p) {
        if ((counts[p] & 0xff) < 255) {
            counts[p]++;
        }
    }

    private static boolean spans(long e) {
        return MapEntry.kind(e) == MapEntry.KIND_COMPRESSED
                && MapEntry.offset(e) + MapEntry.length(e) > PackedBlock.PAYLOAD;
    }

    /** Writes an empty layout: zeroed metadata regions and superblock generation 0. */
    static Superblock format(BlockDevice backing, long logicalBlocks, long indexSlots) throws IOException {
        Superblock sb = Geometry.layout(backing.size() / Geometry.BLOCK, logicalBlocks, indexSlots);
        backing.writeZeroes(Geometry.BLOCK, (sb.dataStart() - 1) * Geometry.BLOCK);
        backing.write(0, ByteBuffer.wrap(SuperblockCodec.encode(sb)));
        backing.flush();
        return sb;
    }

    /** Reads the newest valid superblock and loads the tables as of its generation. */
    static MetadataStore open(BlockDevice backing, boolean repair) throws IOException {
        return new MetadataStore(backing, readSuperblock(backing), repair);
    }

    static Superblock readSuperblock(BlockDevice backing) throws IOException {
        if (backing.size() < 2L * Geometry.BLOCK) {
            throw new CorruptMetadataException(0, "dedup superblock", "device of " + backing.size()
                    + " bytes is too small to hold a dedup superblock");
        }
        Superblock best = null;
        CorruptMetadataException first = null;
        for (int slot = 0; slot < 2; slot++) {
            byte[] b = backing.read((long) slot * Geometry.BLOCK, Geometry.BLOCK);
            try {
                Superblock s = SuperblockCodec.decode(b, slot);
                if (best == null || s.generation() > best.generation()
                        || (s.generation() == best.generation() && s.readOnly())) {
                    best = s;
                }
            } catch (CorruptMetadataException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (best == null) {
            throw first;
        }
        if (best.totalBlocks() * Geometry.BLOCK > backing.size()) {
            throw new CorruptMetadataException(0, "dedup superblock", "layout covers " + best.totalBlocks()
                    + " blocks but the backing device has " + backing.size() / Geometry.BLOCK);
        }
        return best;
    }

    Superblock superblock() {
        return sb;
    }

    BlockMap map() {
        return map;
    }

    RefCounts refs() {
        return refs;
    }

    /** Why the loaded state is inconsistent, or null. */
    String loadProblem() {
        return loadProblem;
    }

    long metadataWrites() {
        return metadataWrites;
    }

    long commits() {
        return commits;
    }

    boolean dirty() {
        return !map.dirty().isEmpty() || !refs.dirty().isEmpty() || refs.pendingFree() > 0;
    }

    /** What one commit writes: generation, page copies, and the blocks whose free it makes durable. */
    record CommitPlan(long generation, PageRegion.Snapshot mapPages, PageRegion.Snapshot refPages,
            BitSet freed) {
    }

    /** Copies what the next commit writes (in memory; caller holds the metadata lock, no write in flight). */
    CommitPlan prepareCommit() {
        return new CommitPlan(sb.generation() + 1, mapRegion.snapshot(), refRegion.snapshot(),
                refs.pendingSnapshot());
    }

    /** The commit's I/O: pages, flush, superblock, flush. A failure leaves generation g-1 or g on disk. */
    void writeCommit(CommitPlan plan) throws IOException {
        int pages = mapRegion.write(plan.mapPages(), plan.generation())
                + refRegion.write(plan.refPages(), plan.generation());
        backing.flush();
        Superblock next = sb.withGeneration(plan.generation());
        backing.write((plan.generation() % 2) * Geometry.BLOCK, ByteBuffer.wrap(SuperblockCodec.encode(next)));
        backing.flush();
        sb = next;
        metadataWrites += pages + 1;
        commits++;
    }

    /** After {@link #writeCommit} succeeded (metadata lock held): slots switch, the frees become usable. */
    void completeCommit(CommitPlan plan) {
        mapRegion.committed(plan.mapPages());
        refRegion.committed(plan.refPages());
        refs.committed(plan.freed());
    }

    /** After {@link #writeCommit} failed (metadata lock held): the pages count as changed again. */
    void failCommit(CommitPlan plan) {
        mapRegion.failed(plan.mapPages());
        refRegion.failed(plan.refPages());
    }

    /** Prepares, writes and completes a commit in one go (offline use; see the class comment). */
    void commit() throws IOException {
        CommitPlan plan = prepareCommit();
        writeCommit(plan);
        completeCommit(plan);
    }

    /**
     * Offline rebuild: recomputes every refcount from the map, unmaps entries that point outside the data
     * region, gives the map entries beyond the 254th sharer of a block a copy of their own (raw, up to 254
     * sharers per copy), clears read-only mode and commits. Caller has exclusive use of the device.
     */
    DedupRebuild.Report rebuild(DataReader reader) throws IOException {
        long dataBlocks = sb.dataBlocks();
        int[] counts = new int[(int) dataBlocks];
        BitSet overShared = new BitSet();
        List<Long> extra = new ArrayList<>();
        long dropped = 0;
        for (long lba = 0; lba < map.size(); lba++) {
            long e = map.get(lba);
            if (e == MapEntry.DAMAGED) {
                map.set(lba, MapEntry.UNMAPPED);
                dropped++;
                continue;
            }
            if (!MapEntry.holdsData(e)) {
                continue;
            }
            int pbn = (int) MapEntry.pbn(e);
            boolean spans = spans(e);
            if (MapEntry.pbn(e) + (spans ? 1 : 0) >= dataBlocks) {
                map.set(lba, MapEntry.UNMAPPED);
                dropped++;
                continue;
            }
            boolean full = counts[pbn] >= RefCounts.MAX_SHARERS
                    || (spans && counts[pbn + 1] >= RefCounts.MAX_SHARERS);
            if (full) {
                overShared.set(pbn, counts[pbn] >= RefCounts.MAX_SHARERS || overShared.get(pbn));
                if (spans && counts[pbn + 1] >= RefCounts.MAX_SHARERS) {
                    overShared.set(pbn + 1);
                }
                extra.add(lba);
                continue;
            }
            counts[pbn]++;
            if (spans) {
                counts[pbn + 1]++;
            }
        }
        long changed = 0;
        for (int p = 0; p < dataBlocks; p++) {
            if (refs.get(p) != counts[p]) {
                changed++;
            }
            refs.force(p, counts[p]);
        }
        refs.loaded();
        long copied = copyOut(extra, reader);
        dropped += extra.size() - copied;
        for (int page = 0; page < refs.pages(); page++) {
            refs.dirty().set(page);
        }
        sb = sb.withReadOnly(false, "");
        commit();
        return new DedupRebuild.Report(changed, dropped, overShared.cardinality(), copied);
    }

    /**
     * Gives each map entry in {@code lbas} (sharers beyond the limit) a raw copy of its content; sharers of
     * the same content share a copy up to the limit. Unreadable content is unmapped. Returns entries copied.
     */
    private long copyOut(List<Long> lbas, DataReader reader) throws IOException {
        Map<Long, long[]> copies = new HashMap<>(); // old entry -> {new pbn, sharers}
        byte[] content = new byte[Geometry.BLOCK];
        long copied = 0;
        for (long lba : lbas) {
            long e = map.get(lba);
            long[] c = copies.get(e);
            if (c == null || c[1] >= RefCounts.MAX_SHARERS) {
                try {
                    reader.readEntry(e, content);
                } catch (CorruptMetadataException bad) {
                    map.set(lba, MapEntry.UNMAPPED);
                    continue;
                }
                long pbn;
                try {
                    pbn = refs.allocate();
                } catch (NoSpaceException full) {
                    throw new NoSpaceException("rebuild: no free data block to copy an "
                            + "over-shared block out (" + (lbas.size() - copied) + " map entries left)");
                }
                backing.write((sb.dataStart() + pbn) * Geometry.BLOCK, ByteBuffer.wrap(content));
                refs.confirm(pbn);
                c = new long[] {pbn, 1};
                copies.put(e, c);
            } else {
                refs.increment(c[0]);
                c[1]++;
            }
            map.set(lba, MapEntry.raw(c[0]));
            copied++;
        }
        return copied;
    }

    /**
     * Records read-only mode durably without changing the committed generation: the same generation with
     * the flag goes into the other superblock copy, which wins ties.
     */
    void persistReadOnly(String reason) throws IOException {
        sb = sb.withReadOnly(true, reason);
        backing.write(((sb.generation() + 1) % 2) * Geometry.BLOCK, ByteBuffer.wrap(SuperblockCodec.encode(sb)));
        backing.flush();
        metadataWrites++;
    }

    /** Writes the index into its region, stamped with the committed generation (on clean close). */
    void saveIndex(FingerprintIndex index) throws IOException {
        int slots = (int) Math.min(index.capacity(), sb.indexSlots());
        CRC32C crc = new CRC32C();
        int perChunk = 65536;
        ByteBuffer chunk = ByteBuffer.allocate(perChunk * Geometry.INDEX_SLOT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long pos = (sb.indexStart() + 1) * Geometry.BLOCK;
        for (int s = 0; s < slots; s += perChunk) {
            chunk.clear();
            int n = Math.min(perChunk, slots - s);
            for (int i = 0; i < n; i++) {
                chunk.putLong(index.tagAt(s + i)).putLong(index.locationAt(s + i));
            }
            chunk.flip();
            crc.update(chunk.array(), 0, chunk.limit());
            backing.write(pos, chunk);
            pos += (long) n * Geometry.INDEX_SLOT_BYTES;
            metadataWrites += Geometry.ceilDiv((long) n * Geometry.INDEX_SLOT_BYTES, Geometry.BLOCK);
        }
        ByteBuffer h = ByteBuffer.allocate(Geometry.BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        h.put(INDEX_MAGIC).putLong(sb.generation()).putLong(slots).putInt((int) crc.getValue());
        CRC32C hc = new CRC32C();
        hc.update(h.array(), 0, Geometry.BLOCK - 4);
        h.putInt(Geometry.BLOCK - 4, (int) hc.getValue());
        h.clear();
        backing.write(sb.indexStart() * Geometry.BLOCK, h);
        backing.flush();
        metadataWrites++;
    }

    /**
     * Loads the persisted index if it was saved at the committed generation and its checksums match;
     * otherwise leaves the index empty. Never fails for a damaged index.
     *
     * @return entries loaded
     */
    long loadIndex(FingerprintIndex index) throws IOException {
        byte[] h = backing.read(sb.indexStart() * Geometry.BLOCK, Geometry.BLOCK);
        ByteBuffer hb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C hc = new CRC32C();
        hc.update(h, 0, Geometry.BLOCK - 4);
        if (!Arrays.equals(h, 0, 8, INDEX_MAGIC, 0, 8) || hb.getInt(Geometry.BLOCK - 4) != (int) hc.getValue()
                || hb.getLong(8) != sb.generation()) {
            return 0;
        }
        long slots = hb.getLong(16);
        if (slots != Math.min(index.capacity(), sb.indexSlots())) {
            return 0;
        }
        byte[] payload = new byte[(int) (slots * Geometry.INDEX_SLOT_BYTES)];
        backing.read((sb.indexStart() + 1) * Geometry.BLOCK, ByteBuffer.wrap(payload));
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != hb.getInt(24)) {
            return 0;
        }
        ByteBuffer p = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < slots; s++) {
            index.restore(s, p.getLong(), p.getLong());
        }
        return index.entries();
    }
}
