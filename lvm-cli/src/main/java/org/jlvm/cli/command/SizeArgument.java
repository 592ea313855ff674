package org.jlvm.cli.command;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses sizes like lvm does: a number with an optional binary unit (k, m, g, t; "b" means bytes). */
final class SizeArgument implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)([bkmgt]?)(i?b)?");

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("invalid size '" + value + "' (expected e.g. 4096, 64M, 1G)");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw new TypeConversionException("size '" + value + "' is too large");
        }
        return n << shift;
    }
}
