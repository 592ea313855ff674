package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.ReportField;
import org.jlvm.cli.lvm.vg.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pvs}: the PVs of the devices file, lvm's default columns. */
@Command(name = "pvs", description = "Display information about physical volumes.")
final class PvsCommand extends LvmVerb {
    @Mixin
    ReportOptions report = new ReportOptions();

    @Parameters(paramLabel = "PV", arity = "0..*")
    List<Path> only = new ArrayList<>();

    PvsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        List<ReportField> cols = Reports.PV.select(report.options);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Path> wanted = only.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            for (Path w : wanted) {
                if (set.byPath(w).isEmpty()) {
                    throw LvmError.failed("Failed to find physical volume \"" + w + "\".");
                }
            }
            for (PvSet.Opened o : set.all()) {
                if (!wanted.isEmpty() && !wanted.contains(o.path())) {
                    continue;
                }
                VolumeGroupScan.Found found = set.vgOf(o).flatMap(n -> set.scan().vg(n)).orElse(null);
                rows.add(Reports.pvRow(o.path().toString(), o.pv(), found));
            }
        }
        rows.sort(Comparator.comparing(r -> (String) r.get("pv_name")));
        report.printer().print(cols, rows, out());
        return ok();
    }
}
