package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jlvm.dedup.compress.Codec;
import org.jlvm.dedup.compress.Packer;
import org.jlvm.dedup.format.Geometry;
import org.jlvm.dedup.format.MapEntry;
import org.jlvm.dedup.format.PackedBlock;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.io.BlockDevice;

/**
 * Reads the content behind a map entry: zeroes, a raw data block, or a fragment (one or two packed blocks,
 * decompressed to exactly 4096 bytes). Blocks still in the packer's open block come from RAM (no packer:
 * offline use). Stateless
 * apart from its collaborators; thread-safe. Callers keep the blocks referenced (or pinned) while reading.
 */
final class DataReader {
    private final BlockDevice backing;
    private final Packer packer;
    private final Codec codec;
    private final long dataStart;
    private final long dataBlocks;

    DataReader(BlockDevice backing, Packer packer, Codec codec, long dataStart, long dataBlocks) {
        this.backing = backing;
        this.packer = packer;
        this.codec = codec;
        this.dataStart = dataStart;
        this.dataBlocks = dataBlocks;
    }

    /** Content of a mapping; a fragment that does not decode is a {@link CorruptMetadataException}. */
    void readEntry(long entry, byte[] out) throws IOException {
        if (entry == MapEntry.DAMAGED) {
            throw new CorruptMetadataException(-1, "dedup map", "the map page of this block is damaged");
        }
        switch (MapEntry.kind(entry)) {
            case MapEntry.KIND_UNMAPPED, MapEntry.KIND_ZERO -> Arrays.fill(out, (byte) 0);
            case MapEntry.KIND_RAW -> readData(MapEntry.pbn(entry), out);
            default -> readFragment(entry, out);
        }
    }

    void readData(long pbn, byte[] out) throws IOException {
        if (pbn >= dataBlocks) {
            throw new CorruptMetadataException(pbn, "dedup map", "data block " + pbn + " beyond the data region ("
                    + dataBlocks + " blocks)");
        }
        if (packer == null || !packer.copyIfOpen(pbn, out)) {
            backing.read((dataStart + pbn) * Geometry.BLOCK, ByteBuffer.wrap(out));
        }
    }

    void readFragment(long entry, byte[] out) throws IOException {
        long pbn = MapEntry.pbn(entry);
        int off = MapEntry.offset(entry);
        int len = MapEntry.length(entry);
        boolean spans = off + len > PackedBlock.PAYLOAD;
        if (off >= PackedBlock.PAYLOAD || len > PackedBlock.MAX_FRAGMENT
                || pbn + (spans ? 1 : 0) >= dataBlocks) {
            throw new CorruptMetadataException(pbn, "dedup map", "impossible fragment: " + MapEntry.describe(entry));
        }
        byte[] packed = new byte[Geometry.BLOCK];
        byte[] frag = new byte[len];
        readData(pbn, packed);
        checkPacked(pbn, packed, spans);
        int first = Math.min(len, PackedBlock.PAYLOAD - off);
        System.arraycopy(packed, PackedBlock.HEADER + off, frag, 0, first);
        if (spans) {
            readData(pbn + 1, packed);
            checkPacked(pbn + 1, packed, false);
            System.arraycopy(packed, PackedBlock.HEADER, frag, first, len - first);
        }
        try {
            codec.decompress(frag, 0, len, out);
        } catch (IOException e) {
            throw new CorruptMetadataException(pbn, "packed block", e.getMessage() + " ("
                    + MapEntry.describe(entry) + ")");
        }
    }

    private static void checkPacked(long pbn, byte[] packed, boolean spans) throws CorruptMetadataException {
        if (!PackedBlock.hasMagic(packed)) {
            throw new CorruptMetadataException(pbn, "packed block", "bad magic");
        }
        if (spans && PackedBlock.next(packed) != pbn + 1) {
            throw new CorruptMetadataException(pbn, "packed block", "continuation", pbn + 1, PackedBlock.next(packed));
        }
    }
}
