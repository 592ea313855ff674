package org.jlvm.cli.lvm.vg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One report column: its field name, lvm's heading, and how values look (text left-aligned; sizes, numbers and
 * percentages right-aligned; a size value is a byte count formatted with {@code --units}).
 */
public record ReportField(String name, String heading, Kind kind) {
    public enum Kind { TEXT, SIZE, NUMBER, PERCENT }

    /** The fields of one report type, the defaults, and lvm's {@code -o} syntax over them. */
    public record Catalog(String prefix, Map<String, ReportField> fields, List<String> defaults) {
        public static Catalog of(String prefix, List<ReportField> fields, List<String> defaults) {
            Map<String, ReportField> m = new LinkedHashMap<>();
            for (ReportField f : fields) {
                m.put(f.name(), f);
            }
            return new Catalog(prefix, m, defaults);
        }

        /** Resolves a field name as lvm does: exactly, or with the report's prefix added. */
        public ReportField field(String name) {
            ReportField f = fields.get(name);
            if (f == null) {
                f = fields.get(prefix + name);
            }
            if (f == null) {
                throw LvmError.failed("Unrecognised field: " + name);
            }
            return f;
        }

        /** The columns after applying each {@code -o} argument in order ({@code f,g} replace, {@code +f} add, {@code -f} drop). */
        public List<ReportField> select(List<String> options) {
            List<ReportField> cols = new ArrayList<>();
            for (String d : defaults) {
                cols.add(fields.get(d));
            }
            for (String o : options) {
                if (o.startsWith("+")) {
                    for (String n : split(o.substring(1))) {
                        cols.add(field(n));
                    }
                } else if (o.startsWith("-")) {
                    for (String n : split(o.substring(1))) {
                        ReportField f = field(n);
                        cols.removeIf(c -> c.equals(f));
                    }
                } else {
                    cols.clear();
                    for (String n : split(o)) {
                        cols.add(field(n));
                    }
                }
            }
            return cols;
        }

        private static List<String> split(String list) {
            List<String> out = new ArrayList<>();
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            return out;
        }
    }
}
