package org.jlvm.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.report.Report;
import org.jlvm.cli.report.ReportOptions;
import org.jlvm.cli.report.ReportType;
import org.jlvm.cli.report.lvm.LvmReportTypes;
import org.jlvm.cli.report.lvm.PvRow;
import org.jlvm.cli.report.lvm.ReportSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pvs}: lvm2's PV report of the devices file's PVs. */
@Command(name = "pvs", description = "Display information about physical volumes.")
final class PvsCommand extends ReportVerb {
    @Option(names = "--segments", description = "One row per PV segment (used or free run of extents).")
    boolean segments;

    @Parameters(paramLabel = "PV", arity = "0..*")
    List<Path> only = new ArrayList<>();

    PvsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int report(ReportSource source, ReportOptions options) {
        ReportType<PvRow> plain = LvmReportTypes.pvs(false);
        boolean perSegment = segments
            || LvmReportTypes.namesPvSegmentField(plain, new Report<>(plain).namedFields(options));
        List<Path> wanted = only.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        for (Path w : wanted) {
            if (!source.hasPv(w)) {
                throw LvmError.failed("Failed to find physical volume \"" + w + "\".");
            }
        }
        return print(segments ? LvmReportTypes.pvs(true) : plain, source.pvRows(wanted, perSegment), options);
    }
}
