package org.jlvm.cli.lvm.vg;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * lvm's sizes: parsing size arguments (a number with an optional unit letter, powers of 1024 in either case, a
 * default unit) and showing sizes in messages ({@code 8.00 MiB}); reports use {@code org.jlvm.cli.report.Units}.
 */
public final class Units {
    private static final String LETTERS = "kmgtpe";
    private static final String[] LONG_NAMES = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** A parsed size argument: a sign ({@code +}/{@code -} or none) and a size in 512-byte sectors. */
    public record SizeArg(char sign, long sectors) {
    }

    /**
     * Parses {@code text} ({@code 10}, {@code 10m}, {@code +1.5G}, {@code 512b}, {@code 8s}) with
     * {@code defaultUnit} (one of {@code kmgtpe}) when no letter is given.
     */
    public static SizeArg parseSize(String option, String text, char defaultUnit, boolean signAllowed) {
        String t = text.trim();
        char sign = 0;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            if (!signAllowed) {
                throw LvmError.invalidNoHint("Size may not be negative.", "Invalid argument for " + option + ": " + text);
            }
            sign = t.charAt(0);
            t = t.substring(1);
        }
        char unit = defaultUnit;
        if (!t.isEmpty() && Character.isLetter(t.charAt(t.length() - 1))) {
            unit = Character.toLowerCase(t.charAt(t.length() - 1));
            t = t.substring(0, t.length() - 1);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw badArg(option, text);
        }
        if (value.signum() < 0) {
            throw badArg(option, text);
        }
        BigDecimal bytes;
        if (unit == 'b') {
            bytes = value;
        } else if (unit == 's') {
            bytes = value.multiply(BigDecimal.valueOf(512));
        } else {
            int i = LETTERS.indexOf(unit);
            if (i < 0) {
                throw badArg(option, text);
            }
            bytes = value.multiply(BigDecimal.valueOf(2).pow(10 * (i + 1)));
        }
        BigDecimal sectors = bytes.divide(BigDecimal.valueOf(512), 0, RoundingMode.CEILING);
        if (sectors.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1024)) > 0) {
            throw LvmError.invalidNoHint("Size is too big (>=16EiB).", "Invalid argument for " + option + ": " + text);
        }
        return new SizeArg(sign, sectors.longValueExact());
    }

    private static LvmError badArg(String option, String text) {
        return LvmError.invalidNoHint("Invalid argument for " + option + ": " + text,
                "Error during parsing of command line.");
    }

    /**
     * A size in messages, as lvm's display_size: the largest binary unit not above the value, two decimals,
     * {@code <} before a value that rounding made bigger ({@code <15.88 TiB}).
     */
    public static String display(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " B" : " B");
        }
        int unit = 0;
        while (unit + 1 < LONG_NAMES.length && bytes >= (1L << (10 * (unit + 2)))) {
            unit++;
        }
        return twoDecimals(bytes, 1L << (10 * (unit + 1)), true) + " " + LONG_NAMES[unit];
    }

    /**
     * {@code value/divisor} with two decimals, rounded to nearest as lvm's {@code %.2f}; with {@code mark}, a
     * {@code <} before a value that rounding made bigger (lvm's 'r' units: 2043 MiB is {@code <2.00 GiB}).
     */
    static String twoDecimals(long value, long divisor, boolean mark) {
        BigDecimal hundredths = BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(divisor), 20, RoundingMode.HALF_UP);
        BigDecimal nearest = hundredths.setScale(0, RoundingMode.HALF_EVEN);
        String prefix = mark && nearest.compareTo(hundredths.setScale(0, RoundingMode.FLOOR)) > 0 ? "<" : "";
        return prefix + nearest.movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
