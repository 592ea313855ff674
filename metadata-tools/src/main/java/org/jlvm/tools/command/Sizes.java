package org.jlvm.tools.command;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses sizes such as {@code 8M}, {@code 64k}, {@code 1g}, {@code 4096} (binary units, bytes by default). */
public final class Sizes {
    private Sizes() {
    }

    /** Bytes for {@code text}; suffixes b, s (512-byte sectors), k, m, g, t, p (powers of 1024). */
    public static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ib")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        char unit = t.charAt(t.length() - 1);
        long mult = 1;
        if (!Character.isDigit(unit) && unit != '.') {
            mult = switch (unit) {
                case 'b' -> 1;
                case 's' -> 512;
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                case 't' -> 1L << 40;
                case 'p' -> 1L << 50;
                default -> throw new IllegalArgumentException("unknown size unit '" + unit + "' in " + text);
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (v < 0 || Double.isNaN(v)) {
                throw new IllegalArgumentException("negative size " + text);
            }
            double bytes = v * mult;
            if (bytes > Long.MAX_VALUE) {
                throw new IllegalArgumentException("size too large: " + text);
            }
            return (long) bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "'", e);
        }
    }

    /** A picocli converter for size options: bytes as a {@code Long}. */
    public static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseBytes(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + " (expected e.g. 4096, 64M, 1G)");
            }
        }
    }
}
