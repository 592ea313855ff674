package org.jlvm.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a reporting command reports: the fields rows of type {@code R} can show, grouped in sections, the
 * default columns and sort keys, the prefix field names may omit, and the JSON object name.
 *
 * <p>Field names match as lvm2 matches them: case-insensitively, underscores ignored, and with the report's
 * prefix optional ({@code size} is {@code lv_size} in {@code lvs}).
 *
 * @param name the JSON object name ({@code lv}, {@code vg}, {@code pv})
 * @param prefix the prefix that may be left out, with its underscore ({@code lv_})
 * @param defaultColumns the columns without {@code -o}, comma-separated
 * @param defaultSort the sort keys without {@code -O}, comma-separated
 * @param sections all fields, in help order
 * @param <R> the row type
 */
public record ReportType<R>(String name, String prefix, String defaultColumns, String defaultSort,
        List<Section<R>> sections) {

    public ReportType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        sections = List.copyOf(sections);
        Map<String, String> seen = new LinkedHashMap<>();
        for (Section<R> s : sections) {
            for (Field<R> f : s.fields()) {
                if (seen.put(f.id(), s.title()) != null) {
                    throw new IllegalArgumentException("field " + f.id() + " is defined twice");
                }
            }
        }
    }

    /** All fields in help order. */
    public List<Field<R>> fields() {
        List<Field<R>> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.fields()));
        return all;
    }

    /** The field with exactly this id, or null. */
    public Field<R> field(String id) {
        for (Section<R> s : sections) {
            for (Field<R> f : s.fields()) {
                if (f.id().equals(id)) {
                    return f;
                }
            }
        }
        return null;
    }

    /**
     * The field a user-typed name means, or null: the first field whose name, underscores and case ignored, is
     * the typed name, or is the report's prefix followed by it ({@code size} is {@code lv_size} in {@code lvs}).
     */
    Field<R> match(String typed) {
        String canon = canonical(typed);
        if (canon.isEmpty()) {
            return null;
        }
        String p = canonical(prefix);
        for (Section<R> s : sections) {
            for (Field<R> f : s.fields()) {
                String c = f.canonicalId();
                if (c.equalsIgnoreCase(canon)
                        || (!p.isEmpty() && c.regionMatches(true, 0, p, 0, p.length())
                            && c.substring(p.length()).equalsIgnoreCase(canon))) {
                    return f;
                }
            }
        }
        return null;
    }

    /**
     * The sections an {@code all}-name selects: {@code all} means every section with the report's prefix,
     * {@code lv_all} every section with prefix {@code lv_}. Empty when the name is no such name.
     */
    List<Section<R>> matchAll(String typed) {
        String canon = canonical(typed).toLowerCase(Locale.ROOT);
        List<Section<R>> out = new ArrayList<>();
        String wanted;
        if (canon.equals("all")) {
            wanted = canonical(prefix).toLowerCase(Locale.ROOT);
        } else if (canon.endsWith("all")) {
            wanted = canon.substring(0, canon.length() - 3);
        } else {
            return out;
        }
        for (Section<R> s : sections) {
            if (canonical(s.prefix()).toLowerCase(Locale.ROOT).equals(wanted)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A name with its underscores removed, as lvm2 compares field names. */
    static String canonical(String name) {
        return name.replace("_", "");
    }

    /** This report type with another section of fields after the others (fields a program adds to lvm2's). */
    public ReportType<R> withSection(Section<R> extra) {
        List<Section<R>> all = new ArrayList<>(sections);
        all.add(extra);
        return new ReportType<>(name, prefix, defaultColumns, defaultSort, all);
    }

    /** This report type with other default columns, sort keys and JSON name ({@code --segments} reports). */
    public ReportType<R> withDefaults(String newName, String columns, String sort) {
        return new ReportType<>(newName, prefix, columns, sort, sections);
    }

    /** This report type with getters bound to some of its fields by id. */
    public ReportType<R> bind(Map<String, Function<R, Object>> getters) {
        Map<String, Function<R, Object>> left = new LinkedHashMap<>(getters);
        List<Section<R>> bound = new ArrayList<>();
        for (Section<R> s : sections) {
            List<Field<R>> fs = new ArrayList<>();
            for (Field<R> f : s.fields()) {
                Function<R, Object> g = left.remove(f.id());
                fs.add(g == null ? f : f.withGetter(g));
            }
            bound.add(new Section<>(s.title(), s.prefix(), fs));
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("no such fields: " + left.keySet());
        }
        return new ReportType<>(name, prefix, defaultColumns, defaultSort, bound);
    }
}
