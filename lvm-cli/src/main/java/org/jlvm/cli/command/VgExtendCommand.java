package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        List<Path> fresh = new ArrayList<>();
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            for (Path p : paths) {
                Optional<PvSet.Opened> o = set.byPath(p);
                if (o.isPresent() && set.scan().damaged().containsKey(o.get().pv())) {
                    throw LvmError.failed("Cannot use " + p + ": its LVM metadata cannot be read (see pvck).",
                            "Unable to add physical volume '" + p + "' to volume group '" + vgName + "'");
                }
                if (o.isPresent() && set.vgOf(o.get()).isPresent()) {
                    throw alreadyInVg(p, set.vgOf(o.get()).get());
                }
                if (o.isEmpty()) {
                    if (!Files.exists(p)) {
                        throw LvmError.failed("No device found for " + p + ".");
                    }
                    fresh.add(p);
                }
            }
        }
        for (Path p : fresh) {
            PvCreateCommand.initializeImplicitly(ctx, common.test, common.quiet.length > 0, p);
        }
        try (VgLock orphans = VgLock.acquire(ctx.home(), VgLock.ORPHANS, settings().lockWaitMillis());
                VgSession s = VgSession.open(settings(), vgName, true)) {
            VolumeGroup vg = s.vg();
            List<PhysicalVolume> models = new ArrayList<>(vg.pvs());
            List<PhysicalVolumeFile> files = new ArrayList<>(s.files());
            for (Path p : paths) {
                Optional<PvSet.Opened> o = s.pvSet().byPath(p);
                if (o.isEmpty()) {
                    if (common.test) {
                        continue;
                    }
                    throw LvmError.failed("No device found for " + p + ".");
                }
                Optional<String> other = s.pvSet().vgOf(o.get());
                if (other.isPresent()) {
                    throw alreadyInVg(p, other.get());
                }
                models.add(VgEdits.newPv("new" + models.size(), o.get().pv().label(), p.toString(), vg.extentSize()));
                files.add(o.get().pv());
            }
            s.commit(VgEdits.withPvs(vg, models), files);
        }
        print("Volume group \"" + vgName + "\" successfully extended");
        return ok();
    }

    private static LvmError alreadyInVg(Path p, String vg) {
        return LvmError.failed("Physical volume '" + p + "' is already in volume group '" + vg + "'",
                "Unable to add physical volume '" + p + "' to volume group '" + vg + "'",
                p + ": physical volume not initialized.");
    }
}
