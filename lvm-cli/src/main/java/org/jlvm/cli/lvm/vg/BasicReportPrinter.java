package org.jlvm.cli.lvm.vg;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * lvm's basic report format for the default case: a two-space prefix, columns padded to the widest value or
 * heading (headings, text and percentages left-aligned, sizes and numbers right-aligned; percentages at least 6 wide) and separated by one space; with
 * {@code --separator} no padding; {@code --noheadings}; sizes in {@code --units} ({@code --nosuffix}).
 */
public final class BasicReportPrinter implements ReportPrinter {
    /** lvm's minimum width of the percentage columns (Data%, Meta%). */
    private static final int PERCENT_WIDTH = 6;

    private final Units.ReportUnits units;
    private final boolean headings;
    private final String separator;

    public BasicReportPrinter(Units.ReportUnits units, boolean headings, String separator) {
        this.units = units;
        this.headings = headings;
        this.separator = separator;
    }

    @Override
    public void print(List<ReportField> columns, List<Map<String, Object>> rows, PrintWriter out) {
        if (rows.isEmpty() || columns.isEmpty()) {
            return;
        }
        List<String[]> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String[] c = new String[columns.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = format(columns.get(i), row.get(columns.get(i).name()));
            }
            cells.add(c);
        }
        if (separator != null) {
            if (headings) {
                out.println("  " + String.join(separator, columns.stream().map(ReportField::heading).toList()));
            }
            for (String[] c : cells) {
                out.println("  " + String.join(separator, c));
            }
            return;
        }
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headings ? columns.get(i).heading().length() : 0;
            if (columns.get(i).kind() == ReportField.Kind.PERCENT) {
                width[i] = Math.max(width[i], PERCENT_WIDTH);
            }
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        if (headings) {
            StringBuilder b = new StringBuilder("  ");
            for (int i = 0; i < width.length; i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(pad(columns.get(i).heading(), width[i], false));
            }
            out.println(b);
        }
        for (String[] c : cells) {
            StringBuilder b = new StringBuilder("  ");
            for (int i = 0; i < width.length; i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(pad(c[i], width[i], columns.get(i).kind() == ReportField.Kind.SIZE
                        || columns.get(i).kind() == ReportField.Kind.NUMBER));
            }
            out.println(b);
        }
    }

    private String format(ReportField f, Object v) {
        if (v == null) {
            return "";
        }
        if (f.kind() == ReportField.Kind.SIZE && v instanceof Long bytes) {
            return units.format(bytes);
        }
        return v.toString();
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }
}
