package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.VgBackups;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vgcfgbackup [-f FILE] [VG...]}: writes lvm's backup file (default JLVM_HOME/backup/VG). */
@Command(name = "vgcfgbackup", description = "Backup volume group configuration(s).")
final class VgCfgBackupCommand extends LvmVerb {
    @Option(names = {"-f", "--file"}, paramLabel = "String", description = "Write here (%%s = the VG name).")
    String file;

    @Parameters(paramLabel = "VG", arity = "0..*")
    List<String> only = new ArrayList<>();

    VgCfgBackupCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            for (String n : only) {
                if (set.scan().vg(n).isEmpty()) {
                    throw VgSession.notFound(n);
                }
            }
            long now = System.currentTimeMillis() / 1000;
            for (VolumeGroupScan.Found f : set.scan().vgs().values()) {
                String name = f.metadata().vg().name();
                if (!only.isEmpty() && !only.contains(name)) {
                    continue;
                }
                Path target = file == null ? settings().home().backupDir().resolve(name)
                        : Path.of(file.replace("%s", name));
                VgBackups.writeFile(target, "Created *after* executing '" + ctx.commandLine() + "'",
                        f.metadata().vg(), now);
                print("Volume group \"" + name + "\" successfully backed up.");
            }
        }
        return ok();
    }
}
