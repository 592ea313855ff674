package org.jlvm.dedup.map;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import org.jlvm.dedup.format.Geometry;
import org.jlvm.dedup.format.MapEntry;
import org.jlvm.dedup.format.PageCodec;

/**
 * The logical-to-physical map: one {@link MapEntry} per logical block, all in RAM (8 bytes per logical
 * block), persisted as map pages of {@link Geometry#MAP_ENTRIES_PER_PAGE} entries. Callers hold the device's
 * metadata lock.
 */
public final class BlockMap implements PagedTable {
    private final long[] entries;
    private final int pages;
    private final BitSet dirty = new BitSet();

    public BlockMap(long logicalBlocks) {
        if (logicalBlocks > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("logical size of " + logicalBlocks + " blocks is too large");
        }
        entries = new long[(int) logicalBlocks];
        pages = (int) Geometry.ceilDiv(logicalBlocks, Geometry.MAP_ENTRIES_PER_PAGE);
    }

    public long size() {
        return entries.length;
    }

    public long get(long lba) {
        return entries[(int) lba];
    }

    /** Sets the entry and returns the previous one. */
    public long set(long lba, long entry) {
        int i = (int) lba;
        long old = entries[i];
        if (old != entry) {
            entries[i] = entry;
            dirty.set(i / Geometry.MAP_ENTRIES_PER_PAGE);
        }
        return old;
    }

    @Override
    public int pages() {
        return pages;
    }

    @Override
    public int kind() {
        return PageCodec.KIND_MAP;
    }

    @Override
    public void encode(int page, byte[] dst) {
        ByteBuffer b = ByteBuffer.wrap(dst).order(ByteOrder.LITTLE_ENDIAN);
        int first = page * Geometry.MAP_ENTRIES_PER_PAGE;
        for (int i = 0; i < Geometry.MAP_ENTRIES_PER_PAGE; i++) {
            int lba = first + i;
            b.putLong(Geometry.PAGE_HEADER + i * 8, lba < entries.length ? entries[lba] : 0);
        }
    }

    @Override
    public void decode(int page, byte[] src) {
        ByteBuffer b = ByteBuffer.wrap(src).order(ByteOrder.LITTLE_ENDIAN);
        int first = page * Geometry.MAP_ENTRIES_PER_PAGE;
        for (int i = 0; i < Geometry.MAP_ENTRIES_PER_PAGE && first + i < entries.length; i++) {
            entries[first + i] = b.getLong(Geometry.PAGE_HEADER + i * 8);
        }
    }

    @Override
    public void damaged(int page) {
        int first = page * Geometry.MAP_ENTRIES_PER_PAGE;
        for (int i = 0; i < Geometry.MAP_ENTRIES_PER_PAGE && first + i < entries.length; i++) {
            entries[first + i] = MapEntry.DAMAGED;
        }
    }

    @Override
    public BitSet dirty() {
        return dirty;
    }
}
