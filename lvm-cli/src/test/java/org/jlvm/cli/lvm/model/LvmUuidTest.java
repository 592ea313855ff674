package org.jlvm.cli.lvm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LvmUuidTest {
    @Test
    void dashesSixFourFourFourFourFourSix() {
        LvmUuid u = new LvmUuid("euSXBkCNWxuN2tY7nV1mzRu1v4ejCdTM");
        assertEquals("euSXBk-CNWx-uN2t-Y7nV-1mzR-u1v4-ejCdTM", u.formatted());
        assertEquals(u, LvmUuid.parse("euSXBk-CNWx-uN2t-Y7nV-1mzR-u1v4-ejCdTM"));
        assertEquals("Jv4Pv0-aaaa-bbbb-cccc-dddd-eeee-ffff01", LvmUuid.parse("Jv4Pv0aaaabbbbccccddddeeeeffff01").formatted());
        assertEquals(32, new LvmUuid("0123456789abcdefABCDEF!#xyzXYZ01").chars().length());
    }

    @Test
    void rejectsBadLengthAndCharacters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LvmUuid.parse("abc"));
        assertTrue(e.getMessage().contains("expected 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LvmUuid("euSXBkCNWxuN2tY7nV1mzRu1v4ejCd_M"));
        assertTrue(e.getMessage().contains("invalid character '_'"), e.getMessage());
    }

    @Test
    void randomUsesTheAlphanumericCharacters() {
        long seed = System.nanoTime();
        System.out.println("LvmUuidTest seed=" + seed);
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            String s = LvmUuid.random(r).chars();
            assertTrue(s.matches("[0-9a-zA-Z]{32}"), s);
        }
    }
}
