package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.ondisk.DiskLocn;
import org.jlvm.cli.lvm.ondisk.PvCheck;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.pool.io.FileBlockDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code pvck PV...}: lvm's default check of the label, the mda headers and the committed metadata text
 * ({@code CHECK:} lines on stdout, then what was found); exit 5 when anything is wrong. Reads only.
 */
@Command(name = "pvck", description = "Check metadata on physical volumes.")
final class PvCkCommand extends LvmVerb {
    @Parameters(paramLabel = "PV", arity = "1..*")
    List<Path> pvs;

    PvCkCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        int rc = ok();
        boolean errorShown = false;
        for (Path p : pvs) {
            Path path = p.toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                warn("Cannot access device " + p + ".");
                rc = LvmError.FAILED;
                errorShown = true;
                continue;
            }
            PvCheck.Report r;
            try (FileBlockDevice dev = FileBlockDevice.open(path, true)) {
                r = PvCheck.check(dev, path.toString());
            }
            r.checks().forEach(this::print);
            if (r.labelSector() < 0) {
                warn("Could not find LVM label on " + p);
                rc = LvmError.FAILED;
                errorShown = true;
                continue;
            }
            print("Found label on " + p + ", sector " + r.labelSector() + ", type=LVM2 001");
            for (DiskLocn m : r.foundAreas()) {
                print("Found text metadata area: offset=" + m.offset() + ", size=" + m.size());
            }
            if (r.bad()) {
                rc = LvmError.FAILED;
            }
        }
        if (rc != ok() && !errorShown) {
            warn("Command failed with status code " + rc + ".");
        }
        return rc;
    }
}
