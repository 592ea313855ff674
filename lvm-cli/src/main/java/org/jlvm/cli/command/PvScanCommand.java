package org.jlvm.cli.command;

import java.io.IOException;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvInfo;
import org.jlvm.cli.lvm.vg.PvSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pvscan [-s] [-u] [-n|-e]}: lvm's pvscan listing of the devices file's PVs, one line each and the total
 * line. (pvscan's --cache and activation forms are lvm's event handling, which jlvm has no use for.)
 */
@Command(name = "pvscan", description = "List all physical volumes.")
final class PvScanCommand extends LvmVerb {
    /** lvm pads VG names to at least the orphan VG's name, {@code #orphans_lvm2}. */
    private static final int ORPHAN_VG_NAME = "#orphans_lvm2".length();

    @Option(names = {"-s", "--short"}, description = "Only the PV names.")
    boolean brief;

    @Option(names = {"-u", "--uuid"}, description = "Show the PV UUIDs too.")
    boolean uuid;

    @Option(names = {"-n", "--novolumegroup"}, description = "Only PVs in no VG.")
    boolean noVg;

    @Option(names = {"-e", "--exported"}, description = "Only PVs of exported VGs.")
    boolean exported;

    PvScanCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        if (noVg && exported) {
            throw LvmError.invalid("Options -e and -n are incompatible");
        }
        if (noVg || exported) {
            warn("WARNING: only considering physical volumes "
                    + (exported ? "of exported volume group(s)" : "in no volume group"));
        }
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            List<PvInfo> all = PvInfo.all(set);
            int pvLen = all.stream().mapToInt(i -> i.path().length()).max().orElse(0) + 2;
            int vgLen = Math.max(ORPHAN_VG_NAME, set.scan().vgs().keySet().stream().mapToInt(String::length).max()
                    .orElse(0)) + 2;
            int found = 0;
            int fresh = 0;
            long total = 0;
            long freshSize = 0;
            for (PvInfo i : all) {
                if (exported && !i.exported() || noVg && !i.orphan()) {
                    continue;
                }
                found++;
                if (i.orphan()) {
                    fresh++;
                    freshSize += i.size();
                    total += i.size();
                } else {
                    total += i.peCount() * i.peSize();
                }
                print(line(i, pvLen, vgLen));
            }
            if (found == 0) {
                print("No matching physical volumes found");
            } else {
                print("Total: " + found + " [" + Display.size(total) + "] / in use: " + (found - fresh) + " ["
                        + Display.size(total - freshSize) + "] / in no VG: " + fresh + " [" + Display.size(freshSize) + "]");
            }
        }
        return ok();
    }

    private String line(PvInfo i, int pvLen, int vgLen) {
        if (brief) {
            return i.path();
        }
        String name = i.path();
        int len = pvLen;
        if (uuid) {
            name = String.format("%-" + (pvLen - 2) + "s with UUID %s", i.path(), i.uuid());
            len += 50;
        }
        if (i.orphan()) {
            return String.format("PV %-" + len + "s    %-" + vgLen + "s %s [%s]", name, " ", "lvm2",
                    Display.size(i.size()));
        }
        long free = (i.peCount() - i.allocated()) * i.peSize();
        if (i.exported()) {
            return String.format("PV %-" + len + "s  is in exported VG %s [%s / %s free]", name, i.vg().name(),
                    Display.size(i.peCount() * i.peSize()), Display.size(free));
        }
        return String.format("PV %-" + len + "s VG %-" + vgLen + "s %s [%s / %s free]", name, i.vg().name(), "lvm2",
                Display.size(i.peCount() * i.peSize()), Display.size(free));
    }
}
