package org.jlvm.cli.report;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One report field (column): its id as {@code -o} names it, its heading, minimum width, kind, help text, and the
 * getter that reads its value from a row.
 *
 * @param id the canonical name, e.g. {@code lv_size}
 * @param heading the column heading, e.g. {@code LSize}
 * @param width the minimum column width (0 means the heading's length)
 * @param kind the value kind
 * @param description the {@code -o help} text
 * @param binaryNames for {@link ValueKind#BINARY} fields, the word printed for 1 first, then the other names a
 *     selection accepts for 1; empty otherwise
 * @param getter reads the value from a row; null when the field is known but not reported by this program
 * @param <R> the row type
 */
public record Field<R>(String id, String heading, int width, ValueKind kind, String description,
        List<String> binaryNames, Function<R, Object> getter) {

    public Field {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(kind, "kind");
        binaryNames = List.copyOf(binaryNames);
        if (kind == ValueKind.BINARY && binaryNames.isEmpty()) {
            throw new IllegalArgumentException("binary field " + id + " needs the word it prints for 1");
        }
    }

    /** A field with a getter. */
    public static <R> Field<R> of(String id, String heading, int width, ValueKind kind, String description,
            Function<R, Object> getter) {
        return new Field<>(id, heading, width, kind, description, List.of(), getter);
    }

    /** A binary field printing {@code word} for 1. */
    public static <R> Field<R> binary(String id, String heading, int width, String word, String description,
            Function<R, Object> getter) {
        return new Field<>(id, heading, width, ValueKind.BINARY, description, List.of(word), getter);
    }

    /** This field with another getter. */
    public Field<R> withGetter(Function<R, Object> newGetter) {
        return new Field<>(id, heading, width, kind, description, binaryNames, newGetter);
    }

    /** The width a column starts from before its values are measured. */
    public int initialWidth() {
        return width > 0 ? width : heading.length();
    }

    /** True when rows can report this field. */
    public boolean bound() {
        return getter != null;
    }

    String word() {
        return binaryNames.isEmpty() ? "" : binaryNames.get(0);
    }

    String canonicalId() {
        return ReportType.canonical(id);
    }
}
