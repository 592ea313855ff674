package org.jlvm.cli.lvm.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes lines the way lvm2's formatter does: in the metadata-area layout no indentation and no comments
 * (except those that are part of the line), in the backup layout one TAB per level and comments lined up on
 * TAB stops.
 */
final class LineWriter {
    private static final int COMMENT_TAB = 6;
    private static final String[] UNITS = {"Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Petabytes",
        "Exabytes"};

    private final StringBuilder out = new StringBuilder();
    private final boolean file;
    private int indent;

    LineWriter(TextLayout layout) {
        this.file = layout == TextLayout.BACKUP_FILE;
    }

    void line(String text) {
        line(text, null);
    }

    /** A line with a comment that only the backup layout writes. */
    void line(String text, String comment) {
        if (file) {
            out.append("\t".repeat(indent));
        }
        out.append(text);
        if (file && comment != null) {
            int i = (text.length() + 8 * indent) / 8 + 1;
            do {
                out.append('\t');
            } while (++i < COMMENT_TAB);
            out.append(comment);
        }
        out.append('\n');
    }

    /** A line with a size comment such as {@code # 4 Megabytes}. */
    void sizeLine(String text, long sectors) {
        line(text, sizeComment(sectors));
    }

    void newline() {
        out.append('\n');
    }

    void indent() {
        indent++;
    }

    void outdent() {
        indent--;
    }

    boolean isBackup() {
        return file;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** lvm2's {@code # %g Units} for a size in sectors. */
    static String sizeComment(long sectors) {
        double d = sectors / 2.0;
        int i = 0;
        while (d > 1024.0 && i < UNITS.length - 1) {
            d /= 1024.0;
            i++;
        }
        return "# " + formatG(d) + " " + UNITS[i];
    }

    /** C's {@code %g} for the values lvm2 prints (6 significant digits, no trailing zeros). */
    static String formatG(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(d).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return b.toPlainString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
