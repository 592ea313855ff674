package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.DevicesFile;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.VgLock;
import org.jlvm.pool.io.FileBlockDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pvremove}: wipes the PV label of orphan PVs and drops them from the devices file. */
@Command(name = "pvremove", description = "Remove LVM label(s) from physical volume(s).")
final class PvRemoveCommand extends LvmVerb {
    @picocli.CommandLine.Mixin
    PromptOptions prompt = new PromptOptions();

    @Override
    PromptOptions prompts() {
        return prompt;
    }

    @Parameters(paramLabel = "PV", arity = "1..*")
    List<Path> pvs;

    PvRemoveCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        int failed = 0;
        try (VgLock lock = VgLock.acquire(ctx.home(), VgLock.ORPHANS, settings().lockWaitMillis())) {
            for (Path p : pvs) {
                Path path = p.toAbsolutePath().normalize();
                try (PvSet set = PvSet.open(ctx.home(), false)) {
                    Optional<PvSet.Opened> o = set.byPath(path);
                    if (o.isEmpty()) {
                        warn("No PV found on device " + path + ".");
                        failed++;
                        continue;
                    }
                    Optional<String> vg = set.vgOf(o.get());
                    if (vg.isPresent() && prompt.force.length < 2) {
                        warn("PV " + path + " is used by VG " + vg.get() + " so please use vgreduce first.");
                        warn("(If you are certain you need pvremove, then confirm by using --force twice.)");
                        failed++;
                        continue;
                    }
                }
                if (!common.test) {
                    try (FileBlockDevice dev = FileBlockDevice.open(path, false)) {
                        dev.writeZeroes(0, 4096);
                        dev.flush();
                    }
                    DevicesFile df = DevicesFile.read(ctx.home());
                    if (df.remove(path)) {
                        df.write("pvremove");
                    }
                }
                print("Labels on physical volume \"" + path + "\" successfully wiped.");
            }
        }
        return failed == 0 ? ok() : LvmError.FAILED;
    }
}
