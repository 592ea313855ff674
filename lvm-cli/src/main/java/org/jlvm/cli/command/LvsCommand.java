package org.jlvm.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.cli.report.Report;
import org.jlvm.cli.report.ReportOptions;
import org.jlvm.cli.report.ReportType;
import org.jlvm.cli.report.lvm.DaemonLiveState;
import org.jlvm.cli.report.lvm.LiveState;
import org.jlvm.cli.report.lvm.LvRow;
import org.jlvm.cli.report.lvm.LvmReportTypes;
import org.jlvm.cli.report.lvm.ReportSource;
import org.jlvm.cli.report.lvm.VgView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lvs}: lvm2's LV report; Data% and Meta% are read from the pools' metadata, also for inactive pools, and
 * for active LVs the daemon's live state is shown (Attr's state characters, live Data%/Meta%, nbd_uri).
 */
@Command(name = "lvs", description = {"Display information about logical volumes.",
        "jlvm: Data%% and Meta%% come from the pool metadata on disk, also for inactive pools "
                + "(lvm leaves them blank for inactive pools); for active pools they are the daemon's live figures. "
                + "-o +thin_exclusive,thin_shared show what each thin LV maps alone and shares; "
                + "-o +nbd_uri where an active LV is served."})
final class LvsCommand extends ReportVerb {
    @Option(names = {"-a", "--all"}, description = "Show hidden LVs too, in brackets.")
    boolean all;

    @Option(names = "--segments", description = "One row per LV segment, with segment columns.")
    boolean segments;

    @Parameters(paramLabel = "VG|VG/LV", arity = "0..*")
    List<String> only = new ArrayList<>();

    LvsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    LiveState liveState() {
        return new DaemonLiveState(settings().active());
    }

    @Override
    int report(ReportSource source, ReportOptions options) {
        ReportType<LvRow> plain = LvmReportTypes.lvs(false);
        boolean perSegment = segments
            || LvmReportTypes.namesLvSegmentField(plain, new Report<>(plain).namedFields(options));
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (String o : only) {
            int slash = o.indexOf('/');
            List<String> lvs = wanted.computeIfAbsent(slash < 0 ? o : o.substring(0, slash), k -> new ArrayList<>());
            if (slash >= 0) {
                lvs.add(o.substring(slash + 1));
            }
        }
        List<LvRow> rows = new ArrayList<>();
        List<VgView> vgs = new ArrayList<>();
        for (String vg : wanted.keySet()) {
            vgs.add(source.vg(vg).orElseThrow(() -> VgSession.notFound(vg)));
        }
        for (VgView vg : wanted.isEmpty() ? source.vgs() : vgs) {
            List<String> lvs = wanted.getOrDefault(vg.name(), List.of());
            for (String lv : lvs) {
                if (vg.vg().lv(lv).isEmpty()) {
                    throw LvmError.failed("Failed to find logical volume \"" + vg.name() + "/" + lv + "\"");
                }
            }
            rows.addAll(ReportSource.lvRows(vg, lvs, all, perSegment));
        }
        return print(segments ? LvmReportTypes.lvs(true) : plain, rows, options);
    }
}
