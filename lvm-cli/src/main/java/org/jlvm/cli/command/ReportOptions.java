package org.jlvm.cli.command;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.vg.BasicReportPrinter;
import org.jlvm.cli.lvm.vg.ReportPrinter;
import org.jlvm.cli.lvm.vg.Units;
import picocli.CommandLine.Option;

/** The report options jlvm's lvs, vgs and pvs take (a subset of lvm's; see lvm-cli/README.md). */
public final class ReportOptions {
    @Option(names = {"-o", "--options"}, paramLabel = "String",
            description = "Fields to show: f1,f2 replaces the default, +f adds, -f removes (repeatable).")
    List<String> options = new ArrayList<>();

    @Option(names = "--units", paramLabel = "r|h|b|s|k|m|g|t|p|e|H|K|M|G|T|P|E",
            description = "Units of size columns; lower case 1024, upper case 1000; r (default) like h with '<' when rounded.")
    String units;

    @Option(names = "--noheadings", description = "No heading line.")
    boolean noHeadings;

    @Option(names = "--nosuffix", description = "No unit letter after sizes.")
    boolean noSuffix;

    @Option(names = "--separator", paramLabel = "String", description = "Separate columns with this string, unpadded.")
    String separator;

    ReportPrinter printer() {
        return new BasicReportPrinter(Units.ReportUnits.parse(units, !noSuffix), !noHeadings, separator);
    }
}
