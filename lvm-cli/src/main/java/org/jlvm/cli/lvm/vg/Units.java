package org.jlvm.cli.lvm.vg;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * lvm's sizes: parsing size arguments (a number with an optional unit letter, powers of 1024 in either case, a
 * default unit) and showing sizes in messages ({@code 8.00 MiB}) and reports ({@code --units}).
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

    /**
     * A report's unit setting, from {@code --units}: {@code r} (default: human, {@code <} when rounded), {@code h},
     * {@code b}, {@code s}, {@code kmgtpe} (powers of 1024), or the upper-case forms (powers of 1000; {@code H} human).
     */
    public record ReportUnits(char letter, boolean suffix) {
        public static ReportUnits parse(String text, boolean suffix) {
            if (text == null) {
                return new ReportUnits('r', suffix);
            }
            String t = text.trim();
            if (t.length() != 1 || "rhbskmgtpeRHBSKMGTPE".indexOf(t.charAt(0)) < 0) {
                throw LvmError.invalidNoHint("Invalid argument for --units: " + text,
                        "Error during parsing of command line.");
            }
            char c = t.charAt(0);
            if (c == 'R') {
                c = 'r';
            }
            if (c == 'B' || c == 'S') {
                c = Character.toLowerCase(c);
            }
            return new ReportUnits(c, suffix);
        }

        /** A size column value for {@code bytes}. */
        public String format(long bytes) {
            char l = letter;
            if (l == 'b') {
                return bytes + (suffix ? "B" : "");
            }
            if (l == 's') {
                return (bytes / 512) + (suffix ? "S" : "");
            }
            boolean si = Character.isUpperCase(l);
            long base = si ? 1000 : 1024;
            int power;
            if (bytes == 0) {
                boolean human = l == 'r' || l == 'h' || l == 'H';
                return "0" + (suffix ? (human ? " " : String.valueOf(l)) : "");
            }
            if (l == 'r' || l == 'h' || l == 'H') {
                power = 0;
                long p = 1;
                while (power < 6 && bytes / p >= base) {
                    p *= base;
                    power++;
                }
                if (power == 0) {
                    return bytes + (suffix ? (si ? "B" : "b") : "");
                }
            } else {
                power = LETTERS.indexOf(Character.toLowerCase(l)) + 1;
            }
            long divisor = 1;
            for (int i = 0; i < power; i++) {
                divisor *= base;
            }
            String number = twoDecimals(bytes, divisor, l == 'r');
            char unitLetter = LETTERS.charAt(power - 1);
            return number + (suffix ? String.valueOf(si ? Character.toUpperCase(unitLetter) : unitLetter) : "");
        }
    }

    /**
     * lvm's percentage: two decimals, never 100.00 unless full and never 0.00 unless empty; computed and rounded
     * as lvm does ({@code dm_make_percent}, a float printed with {@code %.2f}: 56 of 1792 is 3.12, not 3.13).
     */
    public static String percent(long used, long total) {
        if (total <= 0) {
            return "";
        }
        return org.jlvm.cli.report.Percent.of(Math.min(used, total), total).text();
    }
}
