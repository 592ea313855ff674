package org.jlvm.cli.lvm.vg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** lvm's size arguments, message sizes, report units and percentages. */
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

    @Test
    void reportUnits() {
        Units.ReportUnits r = Units.ReportUnits.parse(null, true);
        assertEquals("200.00m", r.format(200L << 20));
        assertEquals("1.00g", r.format(1L << 30));
        assertEquals("<15.88g", r.format(16646400L * 1024));
        assertEquals("41943040B", Units.ReportUnits.parse("b", true).format(40L << 20));
        assertEquals("41943040", Units.ReportUnits.parse("b", false).format(40L << 20));
        assertEquals("1.07G", Units.ReportUnits.parse("G", true).format(1L << 30));
        assertEquals("40.00", Units.ReportUnits.parse("m", false).format(40L << 20));
        assertEquals("81920S", Units.ReportUnits.parse("s", true).format(40L << 20));
        assertEquals("1.99g", r.format(2040L << 20), "rounded down: no mark");
        assertEquals("0 ", r.format(0));
        assertEquals("0m", Units.ReportUnits.parse("m", true).format(0));
        assertEquals("1.99g", Units.ReportUnits.parse("h", true).format(2040L << 20));
    }

    @Test
    void percentages() {
        assertEquals("25.00", Units.percent(800, 3200));
        assertEquals("0.00", Units.percent(0, 3200));
        assertEquals("0.01", Units.percent(1, 1_000_000));
        assertEquals("99.99", Units.percent(999_999, 1_000_000));
        assertEquals("100.00", Units.percent(5, 5));
        assertEquals("11.33", Units.percent(116, 1024));
    }
}
