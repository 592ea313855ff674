package org.jlvm.cli.lvm.vg;

import java.util.Locale;

/**
 * One size argument of lvextend/lvreduce/lvresize: {@code -L [+|-]Size} (sectors) or {@code -l [+|-]N[%VG|%FREE|
 * %PVS|%LV|%ORIGIN]} (a count of extents or a percentage), with its sign ({@code '+'}, {@code '-'} or 0).
 */
public record ResizeAmount(char sign, long sectors, long count, Percent percent) {
    /** What a {@code -l} percentage is of. */
    public enum Percent { NONE, VG, FREE, PVS, LV, ORIGIN }

    /**
     * {@code -L} (or {@code --poolmetadatasize}) with lvm's default unit m; {@code signs} are the signs the
     * command's grammar allows ({@code "+"}, {@code "-"} or {@code "+-"}).
     */
    public static ResizeAmount size(String option, String text, String signs) {
        String t = text.trim();
        char sign = t.startsWith("+") || t.startsWith("-") ? t.charAt(0) : 0;
        checkSign("Size", option, text, sign, signs);
        Units.SizeArg a;
        try {
            a = Units.parseSize(option, t, 'm', true);
        } catch (LvmError e) {
            throw e.lines().get(0).startsWith("Invalid argument") ? parseError("Can't parse size argument.", option,
                    text) : e;
        }
        if (a.sectors() == 0) {
            throw LvmError.invalid(option + " may not be zero.");
        }
        return new ResizeAmount(a.sign(), a.sectors(), 0, Percent.NONE);
    }

    private static void checkSign(String what, String option, String text, char sign, String signs) {
        if (sign != 0 && signs.indexOf(sign) < 0) {
            throw parseError(what + " may not be " + (sign == '-' ? "negative." : "positive."), option, text);
        }
    }

    private static LvmError parseError(String first, String option, String text) {
        return LvmError.invalidNoHint(first, "Invalid argument for " + option + ": " + text,
                "Error during parsing of command line.");
    }

    /** A size in sectors without sign (lvm's own metadata estimate). */
    static ResizeAmount sectors(long sectors) {
        return new ResizeAmount((char) 0, sectors, 0, Percent.NONE);
    }

    /** {@code -l [+|-]N[%WHAT]}. */
    public static ResizeAmount extents(String text, String signs) {
        String t = text.trim();
        char sign = 0;
        if (t.startsWith("+") || t.startsWith("-")) {
            sign = t.charAt(0);
            t = t.substring(1);
        }
        checkSign("Extents", "--extents", text, sign, signs);
        Percent p = Percent.NONE;
        int pct = t.indexOf('%');
        if (pct >= 0) {
            String of = t.substring(pct + 1);
            try {
                p = Percent.valueOf(of.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                p = Percent.NONE;
            }
            if (p == Percent.NONE) {
                throw parseError("Specified %" + of + " is unknown.", "--extents", text);
            }
            t = t.substring(0, pct);
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > 0xffffffffL) {
            throw LvmError.invalidNoHint("Invalid argument for --extents: " + text,
                    "Error during parsing of command line.");
        }
        if (n == 0) {
            throw LvmError.invalid("--extents may not be zero.");
        }
        return new ResizeAmount(sign, 0, n, p);
    }

    public boolean isSize() {
        return sectors > 0;
    }
}
