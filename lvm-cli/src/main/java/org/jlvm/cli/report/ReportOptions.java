package org.jlvm.cli.report;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The report options of {@code lvs}, {@code vgs} and {@code pvs}, as the commands fill them from the command line.
 *
 * @param columns each {@code -o} argument in command-line order ({@code f1,f2}, {@code +f}, {@code -f},
 *     {@code #f}); empty for the defaults
 * @param sort the last {@code -O} argument, or null for the default sort keys
 * @param select the last {@code -S} argument, or null
 * @param units {@code --units}
 * @param suffix false with {@code --nosuffix}
 * @param headings false with {@code --noheadings}
 * @param separator {@code --separator}, or null for the default single space
 * @param aligned true with {@code --aligned} (columns are aligned anyway unless a separator is given)
 * @param namePrefixes {@code --nameprefixes}
 * @param unquoted {@code --unquoted}
 * @param rows {@code --rows}
 * @param binary {@code --binary}
 * @param format {@code --reportformat}
 * @param zone the zone times are printed in; null for the system's, looked up when a time is printed
 */
public record ReportOptions(List<String> columns, String sort, String select, Units units, boolean suffix,
        boolean headings, String separator, boolean aligned, boolean namePrefixes, boolean unquoted, boolean rows,
        boolean binary, ReportFormat format, ZoneId zone) {

    public ReportOptions {
        columns = List.copyOf(columns);
    }

    /**
     * The zone times are printed in. The system's is looked up only here: loading the time-zone rules costs a new
     * JVM about 15 ms, and most reports print no time.
     */
    @Override
    public ZoneId zone() {
        return zone == null ? ZoneId.systemDefault() : zone;
    }

    /** No options: lvm's defaults, times in the system zone. */
    public static ReportOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fills options one by one, as a command reads them. */
    public static final class Builder {
        private final List<String> columns = new ArrayList<>();
        private String sort;
        private String select;
        private Units units = Units.DEFAULT;
        private boolean suffix = true;
        private boolean headings = true;
        private String separator;
        private boolean aligned;
        private boolean namePrefixes;
        private boolean unquoted;
        private boolean rows;
        private boolean binary;
        private ReportFormat format = ReportFormat.BASIC;
        private ZoneId zone;

        /** One {@code -o} argument; repeat in command-line order. */
        public Builder columns(String o) {
            columns.add(o);
            return this;
        }

        public Builder sort(String o) {
            sort = o;
            return this;
        }

        public Builder select(String s) {
            select = s;
            return this;
        }

        public Builder units(Units u) {
            units = u;
            return this;
        }

        public Builder noSuffix() {
            suffix = false;
            return this;
        }

        public Builder noHeadings() {
            headings = false;
            return this;
        }

        public Builder separator(String s) {
            separator = s;
            return this;
        }

        public Builder aligned() {
            aligned = true;
            return this;
        }

        public Builder namePrefixes() {
            namePrefixes = true;
            return this;
        }

        public Builder unquoted() {
            unquoted = true;
            return this;
        }

        public Builder rows() {
            rows = true;
            return this;
        }

        public Builder binary() {
            binary = true;
            return this;
        }

        public Builder format(ReportFormat f) {
            format = f;
            return this;
        }

        public Builder zone(ZoneId z) {
            zone = z;
            return this;
        }

        public ReportOptions build() {
            return new ReportOptions(columns, sort, select, units, suffix, headings, separator, aligned,
                namePrefixes, unquoted, rows, binary, format, zone);
        }
    }
}
