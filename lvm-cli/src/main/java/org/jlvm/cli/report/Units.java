package org.jlvm.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The unit sizes are printed in ({@code --units}), and the formatting of one size the way lvm2 prints it
 * ({@code dm_size_to_string} with {@code si_unit_consistency=1}, as {@code lvs} uses it).
 *
 * <p>{@code r}/{@code R} (the default) and {@code h}/{@code H} pick the largest unit the size reaches, print two
 * decimals and, for {@code r}, a {@code <} when the printed value is rounded up from the real one. Lower-case
 * letters are powers of 1024, upper-case ones powers of 1000; {@code b} bytes and {@code s} sectors print no
 * decimals. {@code e}/{@code E} are exbibytes/exabytes, as in lvm2. A number before the letter ({@code 3M}) makes a
 * custom unit, printed with the suffix {@code U}.
 *
 * @param type the unit letter, or {@code 'U'} for a custom unit
 * @param factor bytes per unit; 1 for the human-readable types
 */
public record Units(char type, long factor) {

    /** lvm's default, {@code global/units = "r"}. */
    public static final Units DEFAULT = new Units('r', 1);

    private static final String BINARY_LETTERS = "eptgmk";
    private static final String SI_LETTERS = "EPTGMK";

    /**
     * Parses a {@code --units} argument.
     *
     * @throws IllegalArgumentException with lvm's message {@code Invalid units specification}
     */
    public static Units parse(String spec) {
        UnitFactor f = UnitFactor.parse(spec, 0);
        if (f == null || f.end() != spec.length()) {
            throw new IllegalArgumentException("Invalid units specification");
        }
        return new Units(f.type(), f.factor());
    }

    /** True for {@code r R h H}: the unit is chosen for each size. */
    public boolean humanReadable() {
        return "rRhH".indexOf(type) >= 0;
    }

    /**
     * Formats a size.
     *
     * @param bytes the size in bytes (lvm sizes are whole sectors)
     * @param suffix whether to print the unit letter ({@code --nosuffix} clears it; human-readable units
     *     always print it except for zero)
     */
    public String format(long bytes, boolean suffix) {
        long sectors = bytes / 512;
        if (sectors == 0) {
            return "0" + (suffix ? zeroSuffix() : "");
        }
        double size = (double) (sectors * 512);
        if (!humanReadable()) {
            String letter = fixedSuffix();
            int precision = (type == 'b' || type == 'B' || type == 's' || type == 'S') ? 0 : 2;
            return decimal(size / factor, precision) + (suffix ? letter : "");
        }
        long base = (type == 'H' || type == 'R') ? 1000 : 1024;
        String letters = base == 1000 ? SI_LETTERS : BINARY_LETTERS;
        double unit = Math.pow(base, 6);
        int s = 0;
        while (s < 6 && size < unit) {
            unit /= base;
            s++;
        }
        String prefix = "";
        if (s < 6 && (type == 'r' || type == 'R')) {
            double d = 100.0 * size / unit;
            if (Math.floor(d) != Math.rint(d)) {
                prefix = "<";
            }
        }
        if (s == 6) {
            return prefix + decimal(size, 0) + (base == 1000 ? "B" : "b");
        }
        return prefix + decimal(size / unit, 2) + letters.charAt(s);
    }

    private String zeroSuffix() {
        if (humanReadable()) {
            return " ";
        }
        return fixedSuffix();
    }

    private String fixedSuffix() {
        if (SI_LETTERS.indexOf(type) >= 0 || BINARY_LETTERS.indexOf(type) >= 0) {
            return String.valueOf(type);
        }
        return switch (Character.toUpperCase(type)) {
            case 'B' -> "B";
            case 'S' -> "S";
            default -> "U";
        };
    }

    /** C's {@code printf("%.*f")}: the exact binary value rounded half-even. */
    static String decimal(double value, int precision) {
        return new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }
}
