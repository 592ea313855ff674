package org.jlvm.cli.lvm.vg;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints rows of field values as a report. The one seam between the verbs and the output format: rows map field
 * names to values (String for text, Long bytes for sizes, Long for numbers, String for percentages; null or
 * absent = blank), so a fuller report engine can replace {@link BasicReportPrinter} without touching the verbs.
 */
public interface ReportPrinter {
    void print(List<ReportField> columns, List<Map<String, Object>> rows, PrintWriter out);
}
