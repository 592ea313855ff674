package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.VgRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vgcfgrestore [-l|--list] [-f FILE] [--force] VG}: lvm's listing of archives and its restore. */
@Command(name = "vgcfgrestore", description = "Restore volume group configuration.")
final class VgCfgRestoreCommand extends LvmVerb {
    @Option(names = {"-f", "--file"}, paramLabel = "String", description = "The backup or archive file to use.")
    String file;

    @Option(names = {"-l", "--list"}, description = "List the archives and the backup of the VG (or the file).")
    boolean list;

    @Option(names = "--force", description = "Restore a VG with thin LVs (their pool metadata is not restored).")
    boolean force;

    @Option(names = {"-y", "--yes"}, description = "Answer yes to all prompts.")
    boolean yes;

    @Option(names = {"-M", "--metadatatype"}, paramLabel = "lvm2", description = "Accepted (lvm2 only).")
    String metadataType;

    @Parameters(paramLabel = "VG", arity = "0..*")
    List<String> vgs = new ArrayList<>();

    VgCfgRestoreCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        if (vgs.size() > 1) {
            throw LvmError.invalidNoHint("Command does not accept argument: " + vgs.get(1) + ".");
        }
        String vg = vgs.isEmpty() ? null : vgs.get(0).startsWith("/dev/") ? vgs.get(0).substring(5) : vgs.get(0);
        if (vg != null && !vg.matches("[a-zA-Z0-9+_.][a-zA-Z0-9+_.-]*") || ".".equals(vg) || "..".equals(vg)) {
            throw LvmError.invalid("Volume group name \"" + vg + "\" is invalid.");
        }
        if (vg == null && !(list && file != null)) {
            throw LvmError.invalidNoHint("No command with matching syntax recognised.  Run 'vgcfgrestore --help' for"
                    + " more information.");
        }
        if (list) {
            if (file != null) {
                VgRestore.listFile(Path.of(file), this);
            } else {
                VgRestore.list(ctx.home(), vg, this);
            }
            return ok();
        }
        VgRestore.restore(settings(), vg, file == null ? null : Path.of(file), force, this);
        return ok();
    }
}
