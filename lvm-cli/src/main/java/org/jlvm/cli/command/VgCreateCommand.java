package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.config.ConfigSchema;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.Names;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.Units;
import org.jlvm.cli.lvm.vg.VgEdits;
import org.jlvm.cli.lvm.vg.VgLock;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vgcreate VG PV...}: a new VG on PVs (files that are not PVs yet are initialized first, as lvm does). */
@Command(name = "vgcreate", description = "Create a volume group.")
final class VgCreateCommand extends LvmVerb {
    @Option(names = {"-s", "--physicalextentsize"}, paramLabel = "Size[m|UNIT]", description = "Extent size (default allocation/physical_extent_size, 4m).")
    String extentSize;

    @Parameters(index = "0", paramLabel = "VG_new")
    String vgName;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PV")
    List<Path> pvs;

    VgCreateCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        Names.checkNewVgName(vgName);
        long extent = extentSize == null ? config().number(ConfigSchema.PHYSICAL_EXTENT_SIZE, 4096) * 2
                : Units.parseSize("-s", extentSize, 'm', false).sectors();
        if (extent < 2 || Long.bitCount(extent) != 1) {
            throw LvmError.invalid("Physical extent size must be a power of 2 of at least 1.00 KiB.");
        }
        List<Path> paths = pvs.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        List<Path> fresh;
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            refuseExisting(set);
            fresh = NewPvs.check(set, paths, vgName);
        }
        NewPvs.initialize(ctx, common, fresh);
        try (VgLock orphans = VgLock.acquire(ctx.home(), VgLock.ORPHANS, settings().lockWaitMillis());
                VgLock lock = VgLock.acquire(ctx.home(), vgName, settings().lockWaitMillis())) {
            try (PvSet set = PvSet.open(ctx.home(), false)) {
                refuseExisting(set);
                if (!common.test) {
                    NewPvs.check(set, paths, vgName);
                }
            }
            if (common.test) {
                print("Volume group \"" + vgName + "\" successfully created");
                return ok();
            }
            try (PvSet set = PvSet.open(ctx.home(), true)) {
                List<PhysicalVolume> models = new ArrayList<>();
                List<PhysicalVolumeFile> files = new ArrayList<>();
                for (Path p : paths) {
                    PvSet.Opened o = set.byPath(p).orElseThrow(() -> LvmError.failed("No device found for " + p + "."));
                    models.add(VgEdits.newPv("pv" + models.size(), o.pv().label(), p.toString(), extent));
                    files.add(o.pv());
                }
                VolumeGroup vg = VolumeGroup.create(vgName, LvmUuid.random(new SecureRandom()), extent, models, List.of());
                VgSession.create(settings(), files, vg, System.currentTimeMillis() / 1000);
            }
        }
        print("Volume group \"" + vgName + "\" successfully created");
        return ok();
    }

    private void refuseExisting(PvSet set) {
        if (set.scan().vg(vgName).isPresent()) {
            throw LvmError.failed("A volume group called " + vgName + " already exists.");
        }
    }
}
