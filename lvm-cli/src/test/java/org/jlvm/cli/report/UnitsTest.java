package org.jlvm.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Size formatting against lvm2's {@code dm_size_to_string}: recorded values, edge cases, and a seeded property. */
class UnitsTest {

    private static final long K = 1024;
    private static final long M = K * K;
    private static final long G = M * K;

    private static String r(long bytes) {
        return Units.DEFAULT.format(bytes, true);
    }

    @Test
    void recordedValues() {
        assertEquals("40.00m", r(40 * M));
        assertEquals("1.00g", r(G));
        assertEquals("504.00m", r(504 * M));
        assertEquals("64.00k", r(64 * K));
        assertEquals("1.07G", Units.parse("G").format(G, true));
        assertEquals("41943040B", Units.parse("b").format(40 * M, true));
        assertEquals("1024.00", Units.parse("m").format(G, false));
    }

    @Test
    void roundingMarkOnlyWhenPrintedValueIsRoundedUp() {
        assertEquals("<2.00g", r(2043 * M));
        assertEquals("2.00g", Units.parse("h").format(2043 * M, true));
        assertEquals("1.99g", r(2040 * M));
        assertEquals("<15.88t", r(16_261 * G));
    }

    @Test
    void zeroAndSmallSizes() {
        assertEquals("0 ", r(0));
        assertEquals("0", Units.DEFAULT.format(0, false));
        assertEquals("0B", Units.parse("b").format(0, true));
        assertEquals("0m", Units.parse("m").format(0, true));
        assertEquals("512b", r(512));
        assertEquals("512B", Units.parse("H").format(512, true));
        assertEquals("1.00k", r(1024));
        assertEquals("1.02K", Units.parse("H").format(1024, true));
        assertEquals("2S", Units.parse("s").format(1024, true));
    }

    @Test
    void customUnitsAndExbibytes() {
        Units three = Units.parse("3M");
        assertEquals(new Units('U', 3_000_000), three);
        assertEquals("0.35U", three.format(M, true));
        assertEquals(new Units('k', 1536), Units.parse("1.5k"));
        assertEquals("1.00e", Units.parse("e").format(1L << 60, true));
        assertEquals("1.15E", Units.parse("E").format(1L << 60, true));
    }

    @Test
    void invalidSpecifications() {
        for (String bad : new String[] {"", "3", "mm", "x", "1.5", "kb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parse(bad), bad);
            assertEquals("Invalid units specification", e.getMessage());
        }
    }

    /**
     * For random sizes and every unit letter, the printed text equals a reference computed with exact decimal
     * arithmetic, and in {@code r} mode the {@code <} mark appears exactly when the printed value exceeds the size.
     */
    @Test
    void matchesExactReference() {
        long seed = System.nanoTime();
        System.out.println("UnitsTest.matchesExactReference seed=" + seed);
        Random rnd = new Random(seed);
        int nearTies = 0;
        String letters = "rRhHbBsSkKmMgGtTpPeE";
        for (int i = 0; i < 20_000; i++) {
            long sectors = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(4096);
                case 1 -> rnd.nextInt(1 << 30);
                case 2 -> (rnd.nextLong() >>> 24);  // up to 2^40 sectors: quotients stay within double precision
                default -> (1L << rnd.nextInt(28)) * (1 + rnd.nextInt(2048)) / (1 + rnd.nextInt(3));
            };
            long bytes = sectors * 512;
            char c = letters.charAt(rnd.nextInt(letters.length()));
            Units u = Units.parse(String.valueOf(c));
            boolean suffix = rnd.nextBoolean();
            String expected = reference(bytes, c, suffix);
            if (expected == null) {
                nearTies++;
                continue;
            }
            assertEquals(expected, u.format(bytes, suffix), "seed=" + seed + " bytes=" + bytes + " units=" + c);
            if (c == 'r' && bytes > 0) {
                String text = u.format(bytes, true);
                boolean marked = text.startsWith("<");
                BigDecimal printed = new BigDecimal(text.replaceAll("[<a-zA-Z ]", ""));
                BigDecimal unit = BigDecimal.valueOf(humanUnit(bytes, 1024));
                boolean roundedUp = printed.multiply(unit).compareTo(BigDecimal.valueOf(bytes)) > 0;
                assertEquals(roundedUp, marked, "seed=" + seed + " bytes=" + bytes + " text=" + text);
            }
        }
        assertTrue(nearTies < 100, "too many sizes skipped as rounding ties: " + nearTies);
    }

    /** True when the exact value is so close to a rounding tie that the double lvm computes may fall either side. */
    private static boolean nearTie(BigDecimal exact, int precision) {
        BigDecimal scaled = exact.movePointRight(precision);
        BigDecimal frac = scaled.subtract(new BigDecimal(scaled.toBigInteger()));
        return frac.subtract(new BigDecimal("0.5")).abs().compareTo(new BigDecimal("1e-6")) < 0;
    }

    private static long humanUnit(long bytes, long base) {
        long unit = 1;
        while (unit <= Long.MAX_VALUE / base && bytes >= unit * base && unit < pow(base, 6)) {
            unit *= base;
        }
        return unit;
    }

    private static long pow(long b, int e) {
        return BigInteger.valueOf(b).pow(e).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    /** lvm2's rules restated with exact arithmetic; null for a size too close to a rounding tie to judge. */
    private static String reference(long bytes, char c, boolean suffix) {
        boolean human = "rRhH".indexOf(c) >= 0;
        if (bytes == 0) {
            if (!suffix) {
                return "0";
            }
            return human ? "0 " : "0" + fixedLetter(c);
        }
        BigDecimal size = BigDecimal.valueOf(bytes);
        if (!human) {
            long factor = factor(c);
            int precision = "bBsS".indexOf(c) >= 0 ? 0 : 2;
            BigDecimal v = size.divide(BigDecimal.valueOf(factor), 40, RoundingMode.HALF_EVEN);
            if (nearTie(v, precision)) {
                return null;
            }
            return v.setScale(precision, RoundingMode.HALF_EVEN).toPlainString() + (suffix ? fixedLetter(c) : "");
        }
        long base = (c == 'R' || c == 'H') ? 1000 : 1024;
        long unit = humanUnit(bytes, base);
        int power = 0;
        for (long x = unit; x > 1; x /= base) {
            power++;
        }
        if (power == 0) {
            return bytes + (base == 1000 ? "B" : "b");
        }
        BigDecimal exact = size.divide(BigDecimal.valueOf(unit), 40, RoundingMode.HALF_EVEN);
        if (nearTie(exact, 2)) {
            return null;
        }
        BigDecimal shown = exact.setScale(2, RoundingMode.HALF_EVEN);
        String mark = (c == 'r' || c == 'R') && shown.compareTo(exact) > 0 ? "<" : "";
        String letters = base == 1000 ? "KMGTPE" : "kmgtpe";
        return mark + shown.toPlainString() + letters.charAt(power - 1);
    }

    private static String fixedLetter(char c) {
        return switch (c) {
            case 'b', 'B' -> "B";
            case 's', 'S' -> "S";
            default -> String.valueOf(c);
        };
    }

    private static long factor(char c) {
        return switch (c) {
            case 'b', 'B' -> 1;
            case 's', 'S' -> 512;
            case 'k' -> K;
            case 'm' -> M;
            case 'g' -> G;
            case 't' -> G * K;
            case 'p' -> G * M;
            case 'e' -> G * G;
            case 'K' -> 1000L;
            case 'M' -> 1000_000L;
            case 'G' -> 1000_000_000L;
            case 'T' -> 1000_000_000_000L;
            case 'P' -> 1000_000_000_000_000L;
            case 'E' -> 1000_000_000_000_000_000L;
            default -> throw new IllegalArgumentException(String.valueOf(c));
        };
    }

    @Test
    void percentages() {
        assertEquals("0.00", new Percent(0).text());
        assertEquals("100.00", new Percent(Percent.HUNDRED).text());
        assertEquals("0.01", Percent.of(1, 1_000_000).text());
        assertEquals("99.99", Percent.of(999_999, 1_000_000).text());
        assertEquals("50.00", Percent.of(1, 2).text());
        assertEquals("33.33", Percent.of(1, 3).text());
        assertEquals("66.67", Percent.of(2, 3).text());
        assertTrue(Percent.of(5, 0).raw() == Percent.HUNDRED);
    }
}
