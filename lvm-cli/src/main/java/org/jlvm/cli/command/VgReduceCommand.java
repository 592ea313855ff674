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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vgreduce VG PV...} / {@code vgreduce -a VG}: removes unused PVs from a VG, one commit per PV as lvm
 * does; a removed PV becomes an orphan (empty mda, label not marked used). A PV with allocated extents, or the
 * last PV, stays (lvm's message, exit 5) while the others go.
 */
@Command(name = "vgreduce", description = "Remove physical volume(s) from a volume group.")
final class VgReduceCommand extends LvmVerb {
    @Option(names = {"-a", "--all"}, description = "Remove all unused PVs.")
    boolean all;

    @Parameters(index = "0", paramLabel = "VG")
    String vgName;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PV")
    List<Path> pvs = new ArrayList<>();

    VgReduceCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        if (all && !pvs.isEmpty()) {
            throw LvmError.invalidNoHint("Command does not accept argument: " + pvs.get(0) + ".");
        }
        if (!all && pvs.isEmpty()) {
            throw LvmError.invalidNoHint("No command with matching syntax recognised.  Run 'vgreduce --help' for "
                    + "more information.");
        }
        List<Path> paths = pvs.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw LvmError.failed("Cannot use " + p + ": device not found");
            }
        }
        int rc = ok();
        try (VgLock orphans = VgLock.acquire(ctx.home(), VgLock.ORPHANS, settings().lockWaitMillis());
                VgSession s = openOrExplain(paths)) {
            List<String> targets = new ArrayList<>();
            if (all) {
                s.vg().pvs().forEach(pv -> targets.add(pv.name()));
            }
            for (Path p : paths) {
                Optional<PhysicalVolume> pv = pvAt(s, p);
                if (pv.isEmpty()) {
                    warn("Failed to find physical volume \"" + p + "\".");
                    rc = LvmError.FAILED;
                } else {
                    targets.add(pv.get().name());
                }
            }
            List<String> ids = targets.stream().map(n -> s.vg().pv(n).orElseThrow().id().chars()).toList();
            for (String id : ids) {
                if (!removeOne(s, id)) {
                    rc = LvmError.FAILED;
                }
            }
        }
        return rc;
    }

    private VgSession openOrExplain(List<Path> paths) throws IOException {
        try {
            return VgSession.open(settings(), vgName, true);
        } catch (LvmError e) {
            List<String> lines = new ArrayList<>(e.lines());
            paths.forEach(p -> lines.add("Failed to find physical volume \"" + p + "\"."));
            throw LvmError.failed(lines.toArray(String[]::new));
        }
    }

    private static Optional<PhysicalVolume> pvAt(VgSession s, Path p) {
        Optional<PvSet.Opened> o = s.pvSet().byPath(p);
        if (o.isEmpty()) {
            return Optional.empty();
        }
        return s.vg().pvs().stream().filter(pv -> pv.id().equals(o.get().pv().label().pvUuid())).findFirst();
    }

    /** Removes the PV with UUID {@code id} (names change with each commit); false after lvm's refusal. */
    private boolean removeOne(VgSession s, String id) throws IOException {
        VolumeGroup vg = s.vg();
        PhysicalVolume pv = vg.pvs().stream().filter(x -> x.id().chars().equals(id)).findFirst().orElseThrow();
        String path = s.pathOf(pv.name());
        if (vg.pvs().size() == 1) {
            warn("Can't remove final physical volume \"" + path + "\" from volume group \"" + vg.name() + "\"");
            return false;
        }
        if (VgEdits.allocated(vg, pv.name()) > 0) {
            warn("Physical volume \"" + path + "\" still in use");
            return false;
        }
        List<PhysicalVolume> keep = new ArrayList<>();
        List<PhysicalVolumeFile> files = new ArrayList<>();
        PhysicalVolumeFile leaving = null;
        for (PhysicalVolumeFile f : s.files()) {
            if (f.label().pvUuid().equals(pv.id())) {
                leaving = f;
            } else {
                files.add(f);
            }
        }
        for (PhysicalVolume x : vg.pvs()) {
            if (x != pv) {
                keep.add(x);
            }
        }
        s.commit(VgEdits.withPvs(vg, keep), files);
        if (!common.test && leaving != null) {
            leaving.makeOrphan();
        }
        print("Removed \"" + path + "\" from volume group \"" + vg.name() + "\"");
        return true;
    }
}
