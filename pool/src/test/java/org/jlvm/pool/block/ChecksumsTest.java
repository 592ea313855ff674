package org.jlvm.pool.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.jlvm.pool.error.CorruptMetadataException;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    @Test
    void rawRegisterOfTheStandardCheckString() {
        CRC32C c = new CRC32C();
        c.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283, (int) c.getValue());
        assertEquals(0x1CF96D7C, (int) c.getValue() ^ 0xFFFFFFFF);
    }

    @Test
    void zeroBlockChecksumsPerSaltMatchTheSpec() {
        byte[] zero = new byte[4096];
        assertEquals(0x58CFD397, Checksums.compute(zero, Checksums.SUPERBLOCK_SALT));
        assertEquals(0x58CC7E82, Checksums.compute(zero, Checksums.BTREE_NODE_SALT));
        assertEquals(0x58CE0B1A, Checksums.compute(zero, Checksums.BITMAP_SALT));
        assertEquals(0x58CFD54F, Checksums.compute(zero, Checksums.INDEX_SALT));
    }

    @Test
    void saltIdentifiesTheKind() {
        byte[] b = new byte[4096];
        b[100] = 7;
        Checksums.stamp(b, Checksums.BITMAP_SALT);
        assertEquals(Checksums.BITMAP_SALT, Checksums.saltOf(b));
    }

    @Test
    void validatorRejectsWrongLocationAndBadChecksumNamingTheBlock() {
        BlockHeaderValidator v = new BlockHeaderValidator("bitmap", Checksums.BITMAP_SALT);
        byte[] b = new byte[4096];
        v.prepareForWrite(12, b);
        CorruptMetadataException wrongPlace = assertThrows(CorruptMetadataException.class, () -> v.check(13, b));
        assertEquals(13, wrongPlace.block());
        assertEquals("bitmap block 13: blocknr 12 != expected 13", wrongPlace.getMessage());
        b[4000] ^= 1;
        CorruptMetadataException badSum = assertThrows(CorruptMetadataException.class, () -> v.check(12, b));
        assertEquals(12, badSum.block());
        org.junit.jupiter.api.Assertions.assertTrue(badSum.getMessage().contains("checksum"), badSum.getMessage());
    }
}
