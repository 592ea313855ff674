package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.Names;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.VgEdits;
import org.jlvm.cli.lvm.vg.VgLock;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code vgrename OLD NEW}: OLD is a VG name ({@code /dev/} prefix allowed) or the VG's UUID. The VG locks are
 * taken in name order, as lvm does; the backup file follows the new name.
 */
@Command(name = "vgrename", description = "Rename a volume group.")
final class VgRenameCommand extends LvmVerb {
    @Parameters(index = "0", paramLabel = "VG|VG_UUID")
    String oldArg;

    @Parameters(index = "1", paramLabel = "VG_new")
    String newArg;

    VgRenameCommand(CliContext ctx) {
        super(ctx);
    }

    private static String skipDevDir(String name) {
        return name.startsWith("/dev/") ? name.substring(5) : name;
    }

    @Override
    int run() throws IOException {
        String old = skipDevDir(oldArg);
        String name = skipDevDir(newArg);
        if (old.equals(name)) {
            throw LvmError.failed("Old and new volume group names must differ");
        }
        try {
            Names.checkNewVgName(name);
        } catch (LvmError e) {
            throw LvmError.failed(e.lines().toArray(String[]::new));
        }
        String vgName = resolve(old);
        if (vgName.equals(name)) {
            throw LvmError.failed("New VG name must differ from the old VG name.");
        }
        boolean newFirst = name.compareTo(vgName) < 0;
        try (VgLock first = newFirst ? VgLock.acquire(ctx.home(), name, settings().lockWaitMillis()) : null;
                VgSession s = VgSession.open(settings(), vgName, true);
                VgLock second = newFirst ? null : VgLock.acquire(ctx.home(), name, settings().lockWaitMillis())) {
            if (s.pvSet().scan().vg(name).isPresent()) {
                throw LvmError.failed("New VG name \"" + name + "\" already exists");
            }
            // the daemon holds active LVs (and their pools) by VG name: a rename under it would hide them from
            // the next commands, which would then open an active pool's metadata themselves
            var active = s.activity();
            if (!active.lvs().isEmpty() || !active.pools().isEmpty()) {
                throw LvmError.failed("Volume group \"" + vgName + "\" has active logical volumes; deactivate them "
                        + "first (vgchange -an " + vgName + ").");
            }
            s.commit(VgEdits.renamed(s.vg(), name));
            if (!common.test) {
                Files.deleteIfExists(ctx.home().backupDir().resolve(vgName));
            }
        }
        print("Volume group \"" + old + "\" successfully renamed to \"" + name + "\"");
        return ok();
    }

    /** The VG's name: {@code old} itself, or the name of the VG whose UUID it is (lvm's message then). */
    private String resolve(String old) throws IOException {
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            if (set.scan().vg(old).isPresent()) {
                return old;
            }
            Optional<VolumeGroupScan.Found> byUuid = set.scan().vgs().values().stream()
                    .filter(f -> f.metadata().vg().id().formatted().equals(old)).findFirst();
            if (byUuid.isEmpty()) {
                throw VgSession.notFound(old);
            }
            String real = byUuid.get().metadata().vg().name();
            print("Processing VG " + real + " because of matching UUID " + old);
            return real;
        }
    }
}
