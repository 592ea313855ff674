package org.jlvm.cli.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One field of one row: the text printed and the value sorted and selected on.
 *
 * <p>Values by kind: numbers and binary fields a {@code Long} compared unsigned (undefined is -1, lvm's
 * {@code UINT64_MAX}); sizes a {@code Double} in sectors (undefined NaN); percentages a {@code Long} in
 * millionths (undefined -1); strings a {@code String}; string lists the sorted {@code List<String>}; times a
 * {@code Long} of epoch seconds (undefined {@code Long.MAX_VALUE}).
 *
 * @param text the printed text
 * @param value the typed value
 */
record Cell(String text, Object value) {

    static final long UNDEFINED = -1L;
    /** lvm's time format; in a holder so that reports without a time never build it (a new JVM pays 2 ms). */
    private static final class TimeFormat {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);
    }

    /** Formats what a field's getter returned. */
    static Cell of(ValueKind kind, String word, Object raw, ReportOptions o) {
        String shownText = null;
        if (raw instanceof Shown s) {
            shownText = s.text();
            raw = s.value();
        }
        Cell c;
        try {
            c = plain(kind, word, raw, o);
        } catch (ClassCastException e) {
            throw new IllegalStateException("a " + kind + " field's getter returned a " + raw.getClass().getName()
                + " (see ValueKind for the types each kind takes)", e);
        }
        return shownText == null ? c : new Cell(shownText, c.value());
    }

    private static Cell plain(ValueKind kind, String word, Object raw, ReportOptions o) {
        return switch (kind) {
            case STRING -> {
                String s = raw == null ? "" : raw.toString();
                yield new Cell(s, s);
            }
            case STRING_LIST -> {
                List<String> items = new ArrayList<>();
                if (raw instanceof List<?> l) {
                    l.forEach(x -> items.add(String.valueOf(x)));
                } else if (raw != null) {
                    items.add(raw.toString());
                }
                String text = String.join(",", items);
                Collections.sort(items);
                yield new Cell(text, List.copyOf(items));
            }
            case NUMBER -> raw == null ? new Cell("", UNDEFINED)
                : new Cell(Long.toString(((Number) raw).longValue()), ((Number) raw).longValue());
            case SIZE -> {
                if (raw == null) {
                    yield new Cell("", Double.NaN);
                }
                long bytes = ((Number) raw).longValue();
                yield new Cell(o.units().format(bytes, o.suffix()), (double) (bytes / 512));
            }
            case PERCENT -> raw == null ? new Cell("", UNDEFINED)
                : new Cell(((Percent) raw).text(), (long) ((Percent) raw).raw());
            case BINARY -> {
                if (raw == null) {
                    yield new Cell(o.binary() ? "-1" : "unknown", UNDEFINED);
                }
                boolean b = (Boolean) raw;
                String text = o.binary() ? (b ? "1" : "0") : (b ? word : "");
                yield new Cell(text, b ? 1L : 0L);
            }
            case TIME -> {
                if (raw == null) {
                    yield new Cell("", Long.MAX_VALUE);
                }
                Instant t = (Instant) raw;
                ZoneId z = o.zone();
                yield new Cell(TimeFormat.TIME.format(t.atZone(z)), t.getEpochSecond());
            }
        };
    }

    /** Orders two cells of one field ascending, as lvm2 sorts rows. */
    static int compare(ValueKind kind, Cell a, Cell b) {
        return switch (kind) {
            case NUMBER, BINARY -> Long.compareUnsigned((Long) a.value, (Long) b.value);
            case PERCENT -> Long.compareUnsigned((Long) a.value, (Long) b.value);
            case SIZE -> Double.compare(sizeKey((Double) a.value), sizeKey((Double) b.value));
            case TIME -> Long.compare((Long) a.value, (Long) b.value);
            case STRING -> ((String) a.value).compareTo((String) b.value);
            case STRING_LIST -> a.text.compareTo(b.text);
        };
    }

    private static double sizeKey(double d) {
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    /** The string a regular expression is matched against. */
    String matchText() {
        return value instanceof String s ? s : text;
    }
}
