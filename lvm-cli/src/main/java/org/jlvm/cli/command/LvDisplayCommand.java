package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.report.lvm.LvFigures;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvInfo;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lvdisplay [-a] [-c] [-m] [VG|VG/LV...]}: lvm's lvdisplay layout per LV (visible ones, all with
 * {@code -a}), in each VG's metadata order; with {@code -m} each LV's segments after it.
 */
@Command(name = "lvdisplay", description = {"Display information about a logical volume.",
        "jlvm: pools and thin LVs show their Allocated pool data/metadata and Mapped size also when inactive."})
final class LvDisplayCommand extends LvmVerb {
    @Option(names = {"-a", "--all"}, description = "Show hidden LVs too.")
    boolean all;

    @Option(names = {"-c", "--colon"}, description = "Colon separated output.")
    boolean colon;

    @Option(names = {"-m", "--maps"}, description = "Display the mapping of logical extents to PVs and pools.")
    boolean maps;

    @Parameters(paramLabel = "VG|LV", arity = "0..*")
    List<String> names = new ArrayList<>();

    LvDisplayCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        if (names.isEmpty()) {
            try (PvSet set = PvSet.open(ctx.home(), false)) {
                PvInfo.cacheOrder(set).forEach(f -> wanted.put(f.metadata().vg().name(), new ArrayList<>()));
            }
        }
        for (String n : names) {
            String name = n.startsWith("/dev/") ? n.substring(5) : n;
            int slash = name.indexOf('/');
            List<String> lvs = wanted.computeIfAbsent(slash < 0 ? name : name.substring(0, slash), k -> new ArrayList<>());
            if (slash >= 0) {
                lvs.add(name.substring(slash + 1));
            }
        }
        int rc = ok();
        for (Map.Entry<String, List<String>> e : wanted.entrySet()) {
            try (VgSession s = VgSession.open(settings(), e.getKey(), false)) {
                List<String> missing = new ArrayList<>(e.getValue());
                Map<String, LvFigures> rows = VgDisplayCommand.figuresByUuid(s, settings());
                for (LogicalVolume lv : s.vg().lvs()) {
                    boolean named = e.getValue().contains(lv.name());
                    if (e.getValue().isEmpty() ? (all || lv.isVisible()) : named) {
                        missing.remove(lv.name());
                        if (colon) {
                            print(LvFullDisplay.colons(s.vg(), lv));
                        } else {
                            LvFullDisplay.full(s.vg(), lv, rows.getOrDefault(lv.id().formatted(), LvFigures.NONE))
                                    .forEach(this::print);
                            if (maps) {
                                LvSegmentsDisplay.lines(s, lv).forEach(this::print);
                            }
                        }
                    }
                }
                for (String m : missing) {
                    warn("Failed to find logical volume \"" + e.getKey() + "/" + m + "\"");
                    rc = LvmError.FAILED;
                }
            } catch (LvmError err) {
                err.lines().forEach(this::warn);
                rc = err.exitCode();
            }
        }
        return rc;
    }
}
