package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vgchange -a y|ay|n [-K] [VG...]}: every visible LV of the VGs (all VGs when none is named), skip-flagged
 * ones only with {@code -K}; then lvm's count of active LVs per VG.
 */
@Command(name = "vgchange", description = "Change volume group attributes (jlvm: activation).")
final class VgChangeCommand extends LvmVerb {
    @Option(names = {"-a", "--activate"}, paramLabel = "y|n|ay", description = "Activate or deactivate the LVs.")
    String activate;

    @Option(names = {"-K", "--ignoreactivationskip"}, description = "Activate LVs with the activation skip flag too.")
    boolean ignoreSkip;

    @Parameters(paramLabel = "VG", arity = "0..*")
    List<String> vgs = new ArrayList<>();

    VgChangeCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        if (activate == null) {
            throw LvmError.invalid("No command with matching syntax recognised.");
        }
        Activation.Mode mode = Activation.mode(activate);
        List<String> names = new ArrayList<>(vgs);
        if (names.isEmpty()) {
            try (PvSet set = PvSet.open(ctx.home(), false)) {
                for (VolumeGroupScan.Found f : set.scan().vgs().values()) {
                    names.add(f.metadata().vg().name());
                }
            }
            names.sort(null);
        }
        for (String vg : names) {
            try (VgSession s = VgSession.open(settings(), vg, true)) {
                ThinPools.resolvePending(s, this);
                List<LogicalVolume> visible = s.vg().lvs().stream().filter(LogicalVolume::isVisible).toList();
                if (mode == Activation.Mode.ACTIVATE) {
                    Activation.activate(ctx, s, visible, ignoreSkip, this);
                } else {
                    List<String> all = new ArrayList<>();
                    s.vg().lvs().forEach(l -> all.add(l.name()));
                    Activation.deactivate(ctx, s, all);
                }
                print(Activation.activeVisible(s) + " logical volume(s) in volume group \"" + vg + "\" now active");
            }
        }
        return status();
    }
}
