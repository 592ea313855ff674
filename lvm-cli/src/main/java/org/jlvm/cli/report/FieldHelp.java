package org.jlvm.cli.report;

import java.util.List;

/**
 * The help texts of the report options, laid out as lvm2 prints them: the field list ({@code -o help}, and
 * before an unknown-field error) and the selection help ({@code -S help}). Every line carries lvm's
 * two-space indent.
 */
final class FieldHelp {

    /** The implicit fields every report has: id, heading, description. */
    static final List<String[]> SPECIAL = List.of(
        new String[] {"selected", "Selected", "Set if item passes selection criteria."},
        new String[] {"help", "Help", "Show help."},
        new String[] {"?", "Help", "Show help."});

    private static final String[][] COMPARISON = {
        {"=~", "Matching regular expression. [regex]"},
        {"!~", "Not matching regular expression. [regex]"},
        {"=", "Equal to. [number, size, percent, string, string list, time]"},
        {"!=", "Not equal to. [number, size, percent, string, string_list, time]"},
        {">=", "Greater than or equal to. [number, size, percent, time]"},
        {">", "Greater than. [number, size, percent, time]"},
        {"<=", "Less than or equal to. [number, size, percent, time]"},
        {"<", "Less than. [number, size, percent, time]"},
        {"since", "Since specified time (same as '>='). [time]"},
        {"after", "After specified time (same as '>'). [time]"},
        {"until", "Until specified time (same as '<='). [time]"},
        {"before", "Before specified time (same as '<'). [time]"},
    };

    private static final String[][] LOGICAL = {
        {"&&", "All fields must match"},
        {",", "All fields must match"},
        {"||", "At least one field must match"},
        {"#", "At least one field must match"},
        {"!", "Logical negation"},
        {"(", "Left parenthesis"},
        {")", "Right parenthesis"},
        {"[", "List start"},
        {"]", "List end"},
        {"{", "List subset start"},
        {"}", "List subset end"},
    };

    private FieldHelp() {
    }

    /**
     * The field list followed by lvm's closing blank line.
     *
     * @param allItems list a {@code PREFIXall} line in each section ({@code -o}); not for selection errors
     * @param types show each field's type in brackets (selection help)
     */
    static <R> String fields(ReportType<R> type, boolean allItems, boolean types) {
        int idLen = 0;
        for (String[] s : SPECIAL) {
            idLen = Math.max(idLen, s[0].length());
        }
        for (Field<R> f : type.fields()) {
            idLen = Math.max(idLen, f.id().length());
        }
        for (Section<R> s : type.sections()) {
            idLen = Math.max(idLen, s.prefix().length() + 3);
        }
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Section<R> s : type.sections()) {
            if (s.fields().isEmpty()) {
                continue;
            }
            if (!first) {
                line(b, " ");
            }
            first = false;
            header(b, s.title());
            if (allItems) {
                line(b, "  " + pad(s.prefix() + "all", idLen) + " - All fields in this section.");
            }
            for (Field<R> f : s.fields()) {
                String t = types ? " [" + f.kind().helpName() + "]" : "";
                line(b, "  " + pad(f.id(), idLen) + " - " + f.description() + t);
            }
        }
        line(b, " ");
        header(b, "Special");
        for (String[] s : SPECIAL) {
            String t = types ? (s[0].equals("selected") ? " [number]" : " [unselectable number]") : "";
            line(b, "  " + pad(s[0], idLen) + " - " + s[2] + t);
        }
        line(b, " ");
        return b.toString();
    }

    /** The selection help that follows the typed field list for {@code -S help} and some selection errors. */
    static String selection() {
        StringBuilder b = new StringBuilder();
        line(b, "Selection operands");
        line(b, "------------------");
        line(b, "  field               - Reporting field.");
        line(b, "  number              - Non-negative integer value.");
        line(b, "  size                - Floating point value with units, 'm' unit used by default if not specified.");
        line(b, "  percent             - Non-negative integer with or without % suffix.");
        line(b, "  string              - Characters quoted by ' or \" or unquoted.");
        line(b, "  string list         - Strings enclosed by [ ] or { } and elements delimited by either");
        line(b, "                        \"all items must match\" or \"at least one item must match\" operator.");
        line(b, "  regular expression  - Characters quoted by ' or \" or unquoted.");
        line(b, " ");
        line(b, "Selection operators");
        line(b, "-------------------");
        line(b, "  Comparison operators:");
        for (String[] op : COMPARISON) {
            line(b, "    " + String.format("%6s", op[0]) + "  - " + op[1]);
        }
        line(b, " ");
        line(b, "  Logical and grouping operators:");
        for (String[] op : LOGICAL) {
            line(b, "    " + String.format("%4s", op[0]) + "  - " + op[1]);
        }
        line(b, " ");
        return b.toString();
    }

    private static void header(StringBuilder b, String title) {
        String t = title + " Fields";
        line(b, t);
        line(b, "-".repeat(t.length()));
    }

    static void line(StringBuilder b, String text) {
        b.append("  ").append(text).append('\n');
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
