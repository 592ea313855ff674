package org.jlvm.cli.command;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.cli.report.ReportOptions;
import org.jlvm.cli.report.lvm.LvmReportTypes;
import org.jlvm.cli.report.lvm.ReportSource;
import org.jlvm.cli.report.lvm.VgView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vgs}: lvm2's VG report of the VGs on the devices file's PVs. */
@Command(name = "vgs", description = "Display information about volume groups.")
final class VgsCommand extends ReportVerb {
    @Parameters(paramLabel = "VG", arity = "0..*")
    List<String> only = new ArrayList<>();

    VgsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int report(ReportSource source, ReportOptions options) {
        List<VgView> rows = new ArrayList<>();
        for (String name : only) {
            rows.add(source.vg(name).orElseThrow(() -> VgSession.notFound(name)));
        }
        return print(LvmReportTypes.vgs(), only.isEmpty() ? source.vgs() : rows, options);
    }
}
