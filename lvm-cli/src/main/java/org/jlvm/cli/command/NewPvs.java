package org.jlvm.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;

/**
 * The PVs named to vgcreate and vgextend: lvm's refusals (a PV of a VG, a missing device, a PV whose metadata
 * cannot be read) and the implicit pvcreate of paths that are no PV yet, which runs before the VG locks are
 * taken (pvcreate takes the orphan lock itself) and prints pvcreate's message, as lvm 2.03.16.
 */
final class NewPvs {
    private NewPvs() {
    }

    /** Checks {@code paths} against {@code set}; returns those that are no PV yet. */
    static List<Path> check(PvSet set, List<Path> paths, String vgName) {
        List<Path> fresh = new ArrayList<>();
        for (Path p : paths) {
            Optional<PvSet.Opened> o = set.byPath(p);
            if (o.isPresent() && set.scan().damaged().containsKey(o.get().pv())) {
                throw LvmError.failed("Cannot use " + p + ": its LVM metadata cannot be read (see pvck).",
                        "Unable to add physical volume '" + p + "' to volume group '" + vgName + "'");
            }
            if (o.isPresent() && set.vgOf(o.get()).isPresent()) {
                String other = set.vgOf(o.get()).get();
                throw LvmError.failed("Physical volume '" + p + "' is already in volume group '" + other + "'",
                        "Unable to add physical volume '" + p + "' to volume group '" + other + "'",
                        p + ": physical volume not initialized.");
            }
            if (o.isEmpty()) {
                if (!Files.exists(p)) {
                    throw LvmError.failed("No device found for " + p + ".");
                }
                fresh.add(p);
            }
        }
        return fresh;
    }

    /** pvcreate of each path (call holding no lock). */
    static void initialize(CliContext ctx, LvmCommonOptions common, List<Path> fresh) {
        for (Path p : fresh) {
            PvCreateCommand.initializeImplicitly(ctx, common.test, common.quiet.length > 0, p);
        }
    }
}
