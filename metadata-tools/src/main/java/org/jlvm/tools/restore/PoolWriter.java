package org.jlvm.tools.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.btree.Node;
import org.jlvm.pool.sm.disk.SpaceMapRoot;
import org.jlvm.pool.util.LongSet;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.tools.ir.DataCounts;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;

/**
 * Builds a fresh pool on a metadata device from an {@link Emitter} stream (XML, or a repaired dump): every
 * tree bottom-up and packed, blocks written in ascending order, reference counts computed from what was
 * written, mapped_blocks recounted, version 2, zero uuid, no metadata snapshot. Block 0 is zeroed first and
 * written last, so an interrupted or failed restore never looks like valid metadata.
 */
public final class PoolWriter implements Emitter {
    /** Metadata blocks one index block can describe (255 bitmaps). */
    public static final long MAX_METADATA_BLOCKS = 255L * 16320;
    static final int ENTRIES_PER_BITMAP = 16320;

    private final MetadataFile out;
    private final RestoreOverrides ov;
    private SuperblockInfo sb;
    private long nrData;
    private BlockSink sink;
    private DataCounts counts;
    private final LongSet orphans = new LongSet();
    private final Map<Long, Object[]> devices = new TreeMap<>(Long::compareUnsigned);

    private DeviceInfo dev;
    private TreeBuilder builder;
    private TreeMap<Long, Long> unsorted;
    private long mapped;
    private boolean done;

    public PoolWriter(MetadataFile out, RestoreOverrides ov) throws ToolException {
        this.out = out;
        this.ov = ov;
        try {
            out.write(0, new byte[MetadataFile.BLOCK_SIZE]);
        } catch (IOException e) {
            throw new ToolException("couldn't zero superblock: " + e.getMessage());
        }
    }

    public boolean finished() {
        return done;
    }

    @Override
    public void beginSuperblock(SuperblockInfo s) throws ToolException {
        sb = new SuperblockInfo(s.uuid(), s.time(), ov.transactionId() != null ? ov.transactionId() : s.transaction(),
                s.flags(), 2, ov.dataBlockSize() != null ? ov.dataBlockSize() : s.dataBlockSize(),
                ov.nrDataBlocks() != null ? ov.nrDataBlocks() : s.nrDataBlocks(), null);
        nrData = sb.nrDataBlocks();
        if (nrData < 0 || nrData > (1L << 40)) {
            throw new ToolException("nr_data_blocks " + Long.toUnsignedString(nrData) + " is too large (max 2^40)");
        }
        counts = new DataCounts(nrData);
        sink = new BlockSink(out, Math.min(out.nrBlocks(), MAX_METADATA_BLOCKS));
    }

    private TreeBuilder mappingBuilder() {
        return new TreeBuilder(sink, 8, (block, keys, values, from, n) -> {
            for (int i = 0; i < n; i++) {
                counts.inc(getLong(values, (from + i) * 8) >>> 24);
            }
        });
    }

    @Override
    public void beginDevice(DeviceInfo d) throws ToolException {
        if (devices.containsKey(d.devId())) {
            throw new ToolException("duplicate device " + Long.toUnsignedString(d.devId()));
        }
        dev = d;
        builder = mappingBuilder();
        unsorted = null;
        mapped = 0;
    }

    @Override
    public void rangeMapping(long origin, long data, long length, long time) throws ToolException {
        if (dev == null) {
            throw new ToolException("mapping outside a device");
        }
        if (Long.compareUnsigned(data + length - 1, nrData) >= 0 || Long.compareUnsigned(data, nrData) >= 0) {
            long bad = Long.compareUnsigned(data, nrData) >= 0 ? data : nrData;
            throw new ToolException("mapping beyond end of data device (" + Long.toUnsignedString(bad) + " >= "
                    + Long.toUnsignedString(nrData) + ")");
        }
        long t = time & 0xFFFFFFL;
        if (unsorted == null && builder.accepts(origin)
                && Long.compareUnsigned(origin + length - 1, origin) >= 0) {
            builder.addRun64(origin, (data << 24) | t, 1L << 24, length);
            return;
        }
        for (long i = 0; i < length; i++) {
            long k = origin + i;
            long v = ((data + i) << 24) | t;
            if (unsorted != null) {
                unsorted.put(k, v);
            } else if (builder.accepts(k)) {
                builder.add64(k, v);
            } else {
                switchToUnsorted();
                unsorted.put(k, v);
            }
        }
    }

    /** Out-of-order or repeated keys: take back what was built for this device and sort in memory. */
    private void switchToUnsorted() throws ToolException {
        unsorted = new TreeMap<>(Long::compareUnsigned);
        long[] leaves = builder.writtenLeaves();
        sink.flush();
        for (long b : leaves) {
            byte[] d;
            try {
                d = sink.readBack(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Node n = new Node(d);
            for (int i = 0; i < n.nr(); i++) {
                long v = n.value64(i);
                counts.dec(v >>> 24);
                unsorted.put(n.key(i), v);
            }
            orphans.add(b);
        }
        builder.drainPending((k, v) -> unsorted.put(k, v));
        builder = null;
    }

    @Override
    public void endDevice() throws ToolException {
        if (unsorted != null) {
            builder = mappingBuilder();
            for (Map.Entry<Long, Long> e : unsorted.entrySet()) {
                builder.add64(e.getKey(), e.getValue());
            }
            mapped = unsorted.size();
            unsorted = null;
        } else {
            mapped = builder.count();
        }
        long root = builder.finish();
        devices.put(dev.devId(), new Object[] {dev, root, mapped});
        dev = null;
        builder = null;
    }

    @Override
    public void endSuperblock() throws ToolException {
        TreeBuilder details = new TreeBuilder(sink, DeviceDetails.SIZE, null);
        TreeBuilder top = new TreeBuilder(sink, 8, null);
        for (Object[] e : devices.values()) {
            DeviceInfo d = (DeviceInfo) e[0];
            byte[] v = new DeviceDetails((Long) e[2], d.transaction(), (int) d.creationTime(), (int) d.snapTime())
                    .encode();
            details.add(d.devId(), v, 0);
        }
        long detailsRoot = details.finish();
        for (Object[] e : devices.values()) {
            top.add64(((DeviceInfo) e[0]).devId(), (Long) e[1]);
        }
        long mappingRoot = top.finish();
        SpaceMapRoot dataRoot = writeDataSpaceMap();
        SpaceMapRoot mdRoot = writeMetadataSpaceMap();
        sink.flush();
        ThinSuperblock s = new ThinSuperblock((int) sb.flags(), 0, new byte[16], ThinSuperblock.MAGIC, 2,
                (int) sb.time(), sb.transaction(), 0, dataRoot, mdRoot, mappingRoot, detailsRoot,
                (int) sb.dataBlockSize(), 8, sink.limit(), 0, 0, 0);
        byte[] d = new byte[MetadataFile.BLOCK_SIZE];
        s.encode(d);
        Checksums.stamp(d, Checksums.SUPERBLOCK_SALT);
        try {
            out.sync();
            out.write(0, d);
            out.sync();
        } catch (IOException e) {
            throw new ToolException("couldn't write the superblock: " + e.getMessage());
        }
        done = true;
    }

    private SpaceMapRoot writeDataSpaceMap() throws ToolException {
        TreeBuilder overflow = new TreeBuilder(sink, 4, null);
        long nrBitmaps = (nrData + ENTRIES_PER_BITMAP - 1) / ENTRIES_PER_BITMAP;
        long[] bitmapBlocks = new long[(int) nrBitmaps];
        int[] nrFree = new int[(int) nrBitmaps];
        int[] firstFree = new int[(int) nrBitmaps];
        long allocated = 0;
        byte[] four = new byte[4];
        byte[] raw = new byte[ENTRIES_PER_BITMAP];
        for (int i = 0; i < nrBitmaps; i++) {
            byte[] d = new byte[MetadataFile.BLOCK_SIZE];
            long base = (long) i * ENTRIES_PER_BITMAP;
            int covered = (int) Math.min(ENTRIES_PER_BITMAP, nrData - base);
            int used = 0;
            int ff = -1;
            boolean empty = counts.chunkEmpty(base) && counts.chunkEmpty(base + covered - 1);
            if (!empty) {
                counts.copySaturated(base, raw, covered);
            }
            for (int j = 0; j < covered && !empty; j++) {
                int c = raw[j] & 0xFF;
                if (c == 0) {
                    if (ff < 0) {
                        ff = j;
                    }
                    continue;
                }
                used++;
                int bits = c == 1 ? 2 : c == 2 ? 1 : 3;
                d[16 + (j >> 2)] |= (byte) (bits << (2 * (j & 3)));
                if (c >= 3) {
                    BlockSink.putInt(four, 0, (int) counts.get(base + j));
                    overflow.add(base + j, four, 0);
                }
            }
            if (empty) {
                ff = 0;
            }
            allocated += used;
            nrFree[i] = covered - used;
            firstFree[i] = ff < 0 ? covered : ff;
            bitmapBlocks[i] = sink.write(d, Checksums.BITMAP_SALT);
        }
        long overflowRoot = overflow.finish();
        TreeBuilder index = new TreeBuilder(sink, 16, null);
        byte[] e = new byte[16];
        for (int i = 0; i < nrBitmaps; i++) {
            BlockSink.putLong(e, 0, bitmapBlocks[i]);
            BlockSink.putInt(e, 8, nrFree[i]);
            BlockSink.putInt(e, 12, firstFree[i]);
            index.add(i, e, 0);
        }
        long indexRoot = index.finish();
        return new SpaceMapRoot(nrData, allocated, indexRoot, overflowRoot);
    }

    private SpaceMapRoot writeMetadataSpaceMap() throws ToolException {
        long nrMd = sink.limit();
        long overflowRoot = new TreeBuilder(sink, 4, null).finish();
        int nrBitmaps = (int) ((nrMd + ENTRIES_PER_BITMAP - 1) / ENTRIES_PER_BITMAP);
        long first = sink.next();
        long used = first + nrBitmaps + 1;
        if (used > nrMd) {
            throw new ToolException("metadata device too small: " + used + " blocks are needed, it has " + nrMd);
        }
        byte[] idx = new byte[MetadataFile.BLOCK_SIZE];
        long allocated = 0;
        for (int i = 0; i < nrBitmaps; i++) {
            byte[] d = new byte[MetadataFile.BLOCK_SIZE];
            long base = (long) i * ENTRIES_PER_BITMAP;
            int covered = (int) Math.min(ENTRIES_PER_BITMAP, nrMd - base);
            int n = 0;
            int ff = -1;
            for (int j = 0; j < covered; j++) {
                long b = base + j;
                if (b < used && !orphans.contains(b)) {
                    d[16 + j / 4] |= (byte) (2 << (2 * (j % 4)));
                    n++;
                } else if (ff < 0) {
                    ff = j;
                }
            }
            allocated += n;
            long loc = sink.write(d, Checksums.BITMAP_SALT);
            BlockSink.putLong(idx, 16 + 16 * i, loc);
            BlockSink.putInt(idx, 16 + 16 * i + 8, covered - n);
            BlockSink.putInt(idx, 16 + 16 * i + 12, ff < 0 ? covered : ff);
        }
        long indexBlock = sink.write(idx, Checksums.INDEX_SALT);
        return new SpaceMapRoot(nrMd, allocated, indexBlock, overflowRoot);
    }

    static long getLong(byte[] d, int off) {
        return (long) BlockSink.LE64.get(d, off);
    }

    /** For an error path: the collected device list is dropped. */
    List<Long> deviceIds() {
        return new ArrayList<>(devices.keySet());
    }
}
