package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.jlvm.pool.io.BlockDevice;

/**
 * The dedup device's persistent metadata: superblock pair, map and refcount pages, persisted index.
 *
 * <p>Commit protocol (generation g = committed + 1): write dirty map and refcount pages into their
 * non-current slots stamped g; flush the backing device (this also makes every data block written before
 * durable); write the superblock naming g into block {@code g % 2}; flush. A crash anywhere before the last
 * flush completes leaves generation g-1 or g, both consistent. Callers hold the device's commit lock
 * exclusively for {@link #commit} and the metadata lock for everything that reads the tables.
 */
final class MetadataStore {
    private static final byte[] INDEX_MAGIC = "JLDDIDX1".getBytes(StandardCharsets.US_ASCII);
    private final BlockDevice backing;
    private Superblock sb;
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

    /** Commits the in-RAM tables (see the class comment); a failure leaves the previous generation. */
    void commit() throws IOException {
        long gen = sb.generation() + 1;
        int pages = mapRegion.writeDirty(gen) + refRegion.writeDirty(gen);
        backing.flush();
        Superblock next = sb.withGeneration(gen);
        backing.write((gen % 2) * Geometry.BLOCK, ByteBuffer.wrap(SuperblockCodec.encode(next)));
        backing.flush();
        sb = next;
        mapRegion.committed();
        refRegion.committed();
        refs.commitCompleted();
        metadataWrites += pages + 1;
        commits++;
    }

    /**
     * Offline rebuild: recomputes every refcount from the map, unmaps entries that point outside the data
     * region, clears read-only mode and commits. Caller has exclusive use of the device.
     */
    DedupDevice.RebuildReport rebuild() throws IOException {
        long dataBlocks = sb.dataBlocks();
        int[] counts = new int[(int) dataBlocks];
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
            long pbn = MapEntry.pbn(e);
            boolean spans = spans(e);
            if (pbn + (spans ? 1 : 0) >= dataBlocks) {
                map.set(lba, MapEntry.UNMAPPED);
                dropped++;
                continue;
            }
            counts[(int) pbn]++;
            if (spans) {
                counts[(int) pbn + 1]++;
            }
        }
        long changed = 0;
        long overShared = 0;
        for (int p = 0; p < dataBlocks; p++) {
            int c = counts[p];
            if (c > RefCounts.MAX_SHARERS) {
                overShared++;
                c = RefCounts.MAX_SHARERS;
            }
            if (refs.get(p) != c) {
                changed++;
            }
            refs.force(p, c);
        }
        refs.loaded();
        for (int page = 0; page < refs.pages(); page++) {
            refs.dirty().set(page);
        }
        sb = sb.withReadOnly(false, "");
        commit();
        return new DedupDevice.RebuildReport(changed, dropped, overShared);
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
