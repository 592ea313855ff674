package org.jlvm.cli.lvm.vg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** lvm's size arguments and message sizes. */
class UnitsTest {
    @Test
    void sizeArguments() {
        assertEquals(20480, Units.parseSize("-L", "10", 'm', false).sectors());
        assertEquals(20480, Units.parseSize("-L", "10M", 'm', false).sectors());
        assertEquals(2097152, Units.parseSize("-L", "1g", 'm', false).sectors());
        assertEquals(3145728, Units.parseSize("-L", "1.5G", 'm', false).sectors());
        assertEquals(128, Units.parseSize("-c", "64", 'k', false).sectors());
        assertEquals(8, Units.parseSize("-L", "8s", 'm', false).sectors());
        assertEquals(1, Units.parseSize("-L", "100b", 'm', false).sectors(), "rounded up to a sector");
        Units.SizeArg plus = Units.parseSize("-L", "+32M", 'm', true);
        assertEquals('+', plus.sign());
        assertEquals(65536, plus.sectors());
        LvmError e = assertThrows(LvmError.class, () -> Units.parseSize("-L", "8x", 'm', false));
        assertEquals(3, e.exitCode());
        assertThrows(LvmError.class, () -> Units.parseSize("-L", "+8m", 'm', false));
    }

    @Test
    void displaySizes() {
        assertEquals("8.00 MiB", Units.display(8L << 20));
        assertEquals("64.00 KiB", Units.display(64L << 10));
        assertEquals("1020.00 MiB", Units.display(1020L << 20));
        assertEquals("1.00 GiB", Units.display(1L << 30));
        assertEquals("<3.04 GiB", Units.display(3112L << 20));
        assertEquals("<15.88 TiB", Units.display(128L * (ThinPools.MAX_METADATA_KB * 2) * 512 / 64 * 512));
        assertEquals("<2.00 GiB", Units.display(2043L << 20), "lvm's own example: 2043M prints <2.00G");
        assertEquals("1.00 GiB", Units.display((1L << 30) + (4L << 20)), "rounded down: no mark");
    }
}
