package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.ReportField;
import org.jlvm.cli.lvm.vg.Reports;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vgs}: the VGs on the devices file's PVs, lvm's default columns. */
@Command(name = "vgs", description = "Display information about volume groups.")
final class VgsCommand extends LvmVerb {
    @Mixin
    ReportOptions report = new ReportOptions();

    @Parameters(paramLabel = "VG", arity = "0..*")
    List<String> only = new ArrayList<>();

    VgsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        List<ReportField> cols = Reports.VG.select(report.options);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            for (String name : only) {
                if (set.scan().vg(name).isEmpty()) {
                    throw VgSession.notFound(name);
                }
            }
            for (VolumeGroupScan.Found f : set.scan().vgs().values()) {
                if (only.isEmpty() || only.contains(f.metadata().vg().name())) {
                    rows.add(Reports.vgRow(f));
                }
            }
        }
        rows.sort(Comparator.comparing(r -> (String) r.get("vg_name")));
        report.printer().print(cols, rows, out());
        return ok();
    }
}
