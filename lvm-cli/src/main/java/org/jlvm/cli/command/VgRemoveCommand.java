package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.PvGeometry;
import org.jlvm.cli.lvm.ondisk.PvLabel;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgBackups;
import org.jlvm.cli.lvm.vg.VgLock;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vgremove VG}: removes the VG (its LVs with -f or after the prompt); its PVs become orphans. */
@Command(name = "vgremove", description = "Remove volume group(s).")
final class VgRemoveCommand extends LvmVerb {
    @picocli.CommandLine.Mixin
    PromptOptions prompt = new PromptOptions();

    @Override
    PromptOptions prompts() {
        return prompt;
    }

    @Parameters(paramLabel = "VG", arity = "1..*")
    List<String> vgs;

    VgRemoveCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        int rc = ok();
        for (String name : vgs) {
            try (VgLock orphans = VgLock.acquire(ctx.home(), VgLock.ORPHANS, settings().lockWaitMillis());
                    VgSession s = VgSession.open(settings(), name, true)) {
                List<LogicalVolume> visible = s.vg().lvs().stream().filter(LogicalVolume::isVisible).toList();
                if (!visible.isEmpty() && !prompt.forced()
                        && !confirm("Do you really want to remove volume group \"" + name + "\" containing "
                                + visible.size() + " logical volumes?")) {
                    warn("Volume group \"" + name + "\" not removed");
                    rc = LvmError.FAILED;
                    continue;
                }
                List<LogicalVolume> order = new ArrayList<>();
                visible.stream().filter(l -> ThinPools.thinSegment(l) != null).forEach(order::add);
                visible.stream().filter(l -> ThinPools.thinSegment(l) == null).forEach(order::add);
                if (!common.test) {
                    VgBackups.archive(settings(), s.vg(), System.currentTimeMillis() / 1000);
                    for (PhysicalVolumeFile f : s.files()) {
                        PvLabel l = f.label();
                        PvGeometry g = new PvGeometry(l.deviceSize(), l.peStartBytes(), l.metadataAreas(),
                                l.bootloaderAreas());
                        PhysicalVolumeFile.create(s.pvSet().of(f).device(), l.pvUuid(), g, s.pvSet().of(f).path().toString());
                    }
                    Files.deleteIfExists(settings().home().backupDir().resolve(name));
                }
                for (LogicalVolume lv : order) {
                    print("Logical volume \"" + lv.name() + "\" successfully removed.");
                }
                print("Volume group \"" + name + "\" successfully removed");
            }
        }
        return rc;
    }
}
