package org.jlvm.cli.report;

import java.util.List;
import java.util.Locale;

/**
 * Lays out a computed report as lvm2 prints it: aligned columns (the default), separated fields, name=value
 * pairs ({@code --nameprefixes}), transposed rows ({@code --rows}) or JSON ({@code --reportformat json}).
 */
final class ReportPrinter {

    private static final String INDENT = "  ";

    private ReportPrinter() {
    }

    static <R> String print(String name, List<Column<R>> columns, List<List<Cell>> table, ReportOptions o) {
        if (o.format() == ReportFormat.JSON) {
            return json(name, columns, table);
        }
        if (table.isEmpty()) {
            return "";
        }
        String sep = o.separator() == null ? " " : o.separator();
        if (o.rows()) {
            return rows(columns, table, o, sep);
        }
        boolean aligned = (o.separator() == null || o.aligned()) && !o.namePrefixes();
        StringBuilder b = new StringBuilder();
        if (o.headings()) {
            StringBuilder h = new StringBuilder(INDENT);
            for (int i = 0; i < columns.size(); i++) {
                Column<R> c = columns.get(i);
                if (!c.visible()) {
                    continue;
                }
                h.append(aligned ? fit(c.field.heading(), c.width, false) : c.field.heading());
                if (i != columns.size() - 1) {
                    h.append(sep);
                }
            }
            b.append(h).append('\n');
        }
        for (List<Cell> cells : table) {
            StringBuilder line = new StringBuilder(INDENT);
            boolean first = true;
            for (int i = 0; i < columns.size(); i++) {
                Column<R> c = columns.get(i);
                if (!c.visible()) {
                    continue;
                }
                if (!first) {
                    line.append(sep);
                }
                first = false;
                String text = cells.get(i).text();
                line.append(field(c, aligned ? fit(text, c.width, c.field.kind().rightAligned()) : text, o));
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static <R> String rows(List<Column<R>> columns, List<List<Cell>> table, ReportOptions o, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Column<R> c = columns.get(i);
            if (!c.visible()) {
                continue;
            }
            StringBuilder line = new StringBuilder(INDENT);
            if (o.headings()) {
                line.append(c.field.heading()).append(sep);
            }
            for (int r = 0; r < table.size(); r++) {
                line.append(field(c, table.get(r).get(i).text(), o));
                if (r != table.size() - 1) {
                    line.append(sep);
                }
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static <R> String field(Column<R> c, String text, ReportOptions o) {
        if (!o.namePrefixes()) {
            return text;
        }
        String q = o.unquoted() ? "" : "'";
        return "LVM2_" + c.field.id().toUpperCase(Locale.ROOT) + "=" + q + text + q;
    }

    private static <R> String json(String name, List<Column<R>> columns, List<List<Cell>> table) {
        StringBuilder b = new StringBuilder();
        b.append(INDENT).append("{\n");
        b.append(INDENT).append("    \"report\": [\n");
        b.append(INDENT).append("        {\n");
        b.append(INDENT).append("            \"").append(name).append("\": [\n");
        for (int r = 0; r < table.size(); r++) {
            StringBuilder line = new StringBuilder(INDENT + " ".repeat(16) + "{");
            boolean first = true;
            for (int i = 0; i < columns.size(); i++) {
                Column<R> c = columns.get(i);
                if (!c.visible()) {
                    continue;
                }
                if (!first) {
                    line.append(", ");
                }
                first = false;
                line.append('"').append(c.field.id()).append("\":\"")
                    .append(table.get(r).get(i).text().replace("\"", "\\\"")).append('"');
            }
            line.append('}');
            if (r != table.size() - 1) {
                line.append(',');
            }
            b.append(line).append('\n');
        }
        b.append(INDENT).append("            ]\n");
        b.append(INDENT).append("        }\n");
        b.append(INDENT).append("    ]\n");
        b.append(INDENT).append("}\n");
        return b.toString();
    }

    /** {@code %-*.*s} or {@code %*.*s}: padded to the width and cut at it. */
    private static String fit(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s.substring(0, width);
        }
        String pad = " ".repeat(width - s.length());
        return right ? pad + s : s + pad;
    }
}
