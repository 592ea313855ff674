package org.jlvm.cli.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jlvm.cli.lvm.text.ConfigValue;

/**
 * lvmconfig's output: {@code key=value} lines (strings quoted, arrays {@code ["a","b"]}), grouped into
 * {@code section {} } blocks with a tab indent; defaults are shown commented out ({@code # key=value}).
 */
public final class ConfigPrinter {
    /** One line to print: the setting's path, its value, and whether it is a commented-out default. */
    public record Entry(String path, ConfigValue value, boolean commented) {
        String section() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }

        String key() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        String line() {
            return (commented ? "# " : "") + key() + "=" + format(value);
        }
    }

    private ConfigPrinter() {
    }

    /** A value as lvm writes it in a config tree. */
    public static String format(ConfigValue v) {
        if (v instanceof ConfigValue.IntValue i) {
            return Long.toString(i.value());
        }
        if (v instanceof ConfigValue.FloatValue f) {
            return f.text();
        }
        if (v instanceof ConfigValue.StringValue s) {
            return "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        ConfigValue.ArrayValue a = (ConfigValue.ArrayValue) v;
        return a.items().stream().map(ConfigPrinter::format).collect(Collectors.joining(",", "[", "]"));
    }

    /** Entries grouped by section, in the order the sections first appear. */
    public static List<String> sections(List<Entry> entries) {
        Map<String, List<Entry>> bySection = new LinkedHashMap<>();
        for (Entry e : entries) {
            bySection.computeIfAbsent(e.section(), k -> new ArrayList<>()).add(e);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> s : bySection.entrySet()) {
            String[] parts = s.getKey().isEmpty() ? new String[0] : s.getKey().split("/");
            for (int d = 0; d < parts.length; d++) {
                lines.add("\t".repeat(d) + parts[d] + " {");
            }
            for (Entry e : s.getValue()) {
                lines.add("\t".repeat(parts.length) + e.line());
            }
            for (int d = parts.length - 1; d >= 0; d--) {
                lines.add("\t".repeat(d) + "}");
            }
        }
        return lines;
    }

    /** One setting asked for by path: its line alone, without the section block. */
    public static String single(Entry e) {
        return e.line();
    }
}
