package org.jlvm.cli.command;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.report.ReportFormat;
import org.jlvm.cli.report.Units;
import picocli.CommandLine.Option;

/** The report options of lvs, vgs and pvs: lvm2 2.03.16's, filled into the report engine's options. */
public final class ReportOptions {
    @Option(names = {"-o", "--options"}, paramLabel = "String",
            description = "Fields: f1,f2 replaces the defaults, +f adds, -f removes, #f compacts; help lists them.")
    List<String> options = new ArrayList<>();

    @Option(names = {"-O", "--sort"}, paramLabel = "String", description = "Sort keys, -f for descending.")
    String sort;

    @Option(names = {"-S", "--select"}, paramLabel = "String", description = "Rows to show (-S help).")
    String select;

    @Option(names = "--units", paramLabel = "[Number]r|R|h|H|b|B|s|S|k|K|m|M|g|G|t|T|p|P|e|E",
            description = "Units of sizes: lower case powers of 1024, upper case of 1000; r (default) marks rounding with <.")
    String units;

    @Option(names = "--nosuffix", description = "No unit letter after sizes.")
    boolean noSuffix;

    @Option(names = "--noheadings", description = "No heading line.")
    boolean noHeadings;

    @Option(names = "--separator", paramLabel = "String", description = "Separate fields with this string.")
    String separator;

    @Option(names = "--aligned", description = "Align columns also with --separator.")
    boolean aligned;

    @Option(names = "--nameprefixes", description = "Print fields as LVM2_NAME='value'.")
    boolean namePrefixes;

    @Option(names = "--unquoted", description = "With --nameprefixes, no quotes around values.")
    boolean unquoted;

    @Option(names = "--rows", description = "One line per field.")
    boolean rows;

    @Option(names = "--binary", description = "Binary fields as 1 and 0.")
    boolean binary;

    @Option(names = "--reportformat", paramLabel = "basic|json", description = "Report layout.")
    String format;

    /** The engine's options; lvm's messages (exit 3) for a bad {@code --units} or {@code --reportformat}. */
    org.jlvm.cli.report.ReportOptions engineOptions() {
        org.jlvm.cli.report.ReportOptions.Builder b = org.jlvm.cli.report.ReportOptions.builder();
        options.forEach(b::columns);
        b.sort(sort).select(select);
        if (units != null) {
            try {
                b.units(Units.parse(units));
            } catch (IllegalArgumentException e) {
                throw badArgument("--units", units);
            }
        }
        if (format != null) {
            try {
                b.format(ReportFormat.parse(format));
            } catch (IllegalArgumentException e) {
                throw badArgument("--reportformat", format);
            }
        }
        if (noSuffix) {
            b.noSuffix();
        }
        if (noHeadings) {
            b.noHeadings();
        }
        if (separator != null) {
            b.separator(separator);
        }
        if (aligned) {
            b.aligned();
        }
        if (namePrefixes) {
            b.namePrefixes();
        }
        if (unquoted) {
            b.unquoted();
        }
        if (rows) {
            b.rows();
        }
        if (binary) {
            b.binary();
        }
        return b.build();
    }

    private static LvmError badArgument(String option, String value) {
        return LvmError.invalidNoHint("Invalid argument for " + option + ": " + value,
                "Error during parsing of command line.");
    }
}
