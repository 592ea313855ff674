package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.DevicesFile;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvmdevices}: lists, adds to or removes from the devices file JLVM_HOME/devices/system.devices. */
@Command(name = "lvmdevices", description = "Manage the devices file (JLVM_HOME/devices/system.devices).")
final class LvmDevicesCommand extends LvmVerb {
    @Option(names = "--adddev", paramLabel = "PV", description = "Add a device to the devices file.")
    Path add;

    @Option(names = "--deldev", paramLabel = "PV", description = "Remove a device from the devices file.")
    Path del;

    LvmDevicesCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        DevicesFile df = DevicesFile.read(ctx.home());
        if (add != null) {
            Path path = add.toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw LvmError.failed("Device " + path + " not found.");
            }
            String pvid = "none";
            Optional<PvSet.Opened> o = Optional.empty();
            try {
                o = openPv(path);
                if (o.isPresent()) {
                    pvid = o.get().pv().label().pvUuid().chars();
                }
            } finally {
                if (o.isPresent()) {
                    o.get().device().close();
                }
            }
            if (df.add(path, pvid) && !common.test) {
                df.write("lvmdevices");
            }
            return ok();
        }
        if (del != null) {
            Path path = del.toAbsolutePath().normalize();
            if (!df.remove(path)) {
                throw LvmError.failed("Device not found in devices file.");
            }
            if (!common.test) {
                df.write("lvmdevices");
            }
            return ok();
        }
        for (DevicesFile.Entry e : df.entries()) {
            out().println("  Device " + e.path() + " IDTYPE=devname IDNAME=" + e.path() + " DEVNAME=" + e.path()
                    + " PVID=" + e.pvid());
        }
        return ok();
    }

    private static Optional<PvSet.Opened> openPv(Path path) throws IOException {
        return PvSet.openOne(path, false);
    }
}
