package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.ReportField;
import org.jlvm.cli.lvm.vg.Reports;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lvs}: the LVs, lvm's default columns; Data% and Meta% from the daemon (active pools) or the pool metadata. */
@Command(name = "lvs", description = {"Display information about logical volumes.",
        "jlvm: Data%% and Meta%% come from the pool metadata on disk, also for inactive pools "
                + "(lvm leaves them blank for inactive pools); for active pools they are the daemon's live figures. "
                + "nbd_uri: where an active LV is served."})
final class LvsCommand extends LvmVerb {
    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = {"-a", "--all"}, description = "Show hidden LVs too, in brackets.")
    boolean all;

    @Parameters(paramLabel = "VG|VG/LV", arity = "0..*")
    List<String> only = new ArrayList<>();

    LvsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        List<ReportField> cols = Reports.LV.select(report.options);
        boolean perSegment = cols.stream().anyMatch(c -> c.name().equals("seg_pe_ranges") || c.name().equals("devices"));
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (String o : only) {
            int slash = o.indexOf('/');
            String vg = slash < 0 ? o : o.substring(0, slash);
            List<String> lvs = wanted.computeIfAbsent(vg, k -> new ArrayList<>());
            if (slash >= 0) {
                lvs.add(o.substring(slash + 1));
            }
        }
        List<String> vgNames = new ArrayList<>();
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            for (String vg : wanted.keySet()) {
                if (set.scan().vg(vg).isEmpty()) {
                    throw VgSession.notFound(vg);
                }
            }
            for (VolumeGroupScan.Found f : set.scan().vgs().values()) {
                vgNames.add(f.metadata().vg().name());
            }
        }
        vgNames.sort(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String vg : vgNames) {
            if (!wanted.isEmpty() && !wanted.containsKey(vg)) {
                continue;
            }
            try (VgSession s = VgSession.open(settings(), vg, false)) {
                List<String> lvs = wanted.getOrDefault(vg, List.of());
                for (String lv : lvs) {
                    if (s.vg().lv(lv).isEmpty()) {
                        throw LvmError.failed("Failed to find logical volume \"" + vg + "/" + lv + "\"");
                    }
                }
                rows.addAll(Reports.lvRows(s, lvs, all, perSegment));
            }
        }
        report.printer().print(cols, rows, out());
        return ok();
    }
}
