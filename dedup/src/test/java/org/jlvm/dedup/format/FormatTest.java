package org.jlvm.dedup.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.pool.error.CorruptMetadataException;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void layoutFitsAndRoundTrips() throws CorruptMetadataException {
        Superblock sb = Geometry.layout(262144, 1L << 20, 1 << 16).withGeneration(7).withReadOnly(true, "why");
        assertEquals(2, sb.mapStart());
        assertEquals(Geometry.ceilDiv(1L << 20, 510), sb.mapPages());
        assertTrue(sb.dataStart() + sb.dataBlocks() <= 262144);
        assertTrue(sb.refPages() * Geometry.REFS_PER_PAGE >= sb.dataBlocks());
        assertEquals(1 + (1 << 16) * 16 / 4096, sb.indexBlocks());
        byte[] b = SuperblockCodec.encode(sb);
        assertEquals(4096, b.length);
        assertEquals("JLVMDDP1", new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, le.getInt(8));
        assertEquals(7, le.getLong(16));
        assertEquals(sb.dataStart(), le.getLong(96));
        assertEquals(sb, SuperblockCodec.decode(b, 0));
    }

    @Test
    void damagedSuperblocksAreRejectedWithTheReason() {
        Superblock sb = Geometry.layout(4096, 8192, 1024);
        byte[] b = SuperblockCodec.encode(sb);
        b[40] ^= 1;
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> SuperblockCodec.decode(b, 1));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        byte[] c = SuperblockCodec.encode(sb);
        c[0] = 'X';
        assertThrows(CorruptMetadataException.class, () -> SuperblockCodec.decode(c, 0));
        assertThrows(IllegalArgumentException.class, () -> Geometry.layout(20, 8192, 1024), "too small");
    }

    @Test
    void mapEntriesAndPagesEncode() {
        long e = MapEntry.compressed(MapEntry.MAX_PBN, 4079, 3968);
        assertEquals(MapEntry.KIND_COMPRESSED, MapEntry.kind(e));
        assertEquals(MapEntry.MAX_PBN, MapEntry.pbn(e));
        assertEquals(4079, MapEntry.offset(e));
        assertEquals(3968, MapEntry.length(e));
        assertEquals(MapEntry.KIND_RAW, MapEntry.kind(MapEntry.raw(5)));
        assertEquals(5, MapEntry.pbn(MapEntry.raw(5)));
        assertEquals(MapEntry.KIND_ZERO, MapEntry.kind(MapEntry.ZERO));
        byte[] page = new byte[4096];
        assertEquals(PageCodec.SlotState.EMPTY, PageCodec.check(page, PageCodec.KIND_MAP, 3));
        page[100] = 9;
        PageCodec.seal(page, PageCodec.KIND_MAP, 3, 42);
        assertEquals(PageCodec.SlotState.VALID, PageCodec.check(page, PageCodec.KIND_MAP, 3));
        assertEquals(42, PageCodec.generation(page));
        assertEquals(PageCodec.SlotState.INVALID, PageCodec.check(page, PageCodec.KIND_MAP, 4), "misplaced page");
        assertEquals(PageCodec.SlotState.INVALID, PageCodec.check(page, PageCodec.KIND_REFCOUNT, 3), "wrong kind");
        page[200] = 1;
        assertEquals(PageCodec.SlotState.INVALID, PageCodec.check(page, PageCodec.KIND_MAP, 3), "torn");
    }
}
