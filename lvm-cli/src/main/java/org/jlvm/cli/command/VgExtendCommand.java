package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.VgEdits;
import org.jlvm.cli.lvm.vg.VgLock;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code vgextend VG PV...}: adds PVs to a VG. As lvm 2.03.16, a path that is no PV yet is initialized first
 * (with pvcreate's message), even when the VG then turns out not to exist; a PV of any VG is refused.
 */
@Command(name = "vgextend", description = "Add physical volumes to a volume group.")
final class VgExtendCommand extends LvmVerb {
    @Parameters(index = "0", paramLabel = "VG")
    String vgName;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PV")
    List<Path> pvs;

    VgExtendCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        List<Path> paths = pvs.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        List<Path> fresh;
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            fresh = NewPvs.check(set, paths, vgName);
        }
        NewPvs.initialize(ctx, common, fresh);
        try (VgLock orphans = VgLock.acquire(ctx.home(), VgLock.ORPHANS, settings().lockWaitMillis());
                VgSession s = VgSession.open(settings(), vgName, true)) {
            VolumeGroup vg = s.vg();
            List<PhysicalVolume> models = new ArrayList<>(vg.pvs());
            List<PhysicalVolumeFile> files = new ArrayList<>(s.files());
            for (Path p : paths) {
                if (common.test && s.pvSet().byPath(p).isEmpty()) {
                    continue;
                }
                NewPvs.check(s.pvSet(), List.of(p), vgName);
                PvSet.Opened o = s.pvSet().byPath(p).orElseThrow(() -> LvmError.failed("No device found for " + p + "."));
                models.add(VgEdits.newPv("new" + models.size(), o.pv().label(), p.toString(), vg.extentSize()));
                files.add(o.pv());
            }
            s.commit(VgEdits.withPvs(vg, models), files);
        }
        print("Volume group \"" + vgName + "\" successfully extended");
        return ok();
    }
}
