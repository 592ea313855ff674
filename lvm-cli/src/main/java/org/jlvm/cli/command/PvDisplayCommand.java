package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvInfo;
import org.jlvm.cli.lvm.vg.PvSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pvdisplay [-c] [-m] [-s] [PV...]}: lvm's pvdisplay_full (or colon) layout, the physical segments, or one
 * line of free capacity per PV.
 */
@Command(name = "pvdisplay", description = "Display various attributes of physical volume(s).")
final class PvDisplayCommand extends LvmVerb {
    @Option(names = {"-c", "--colon"}, description = "Colon separated output.")
    boolean colon;

    @Option(names = {"-m", "--maps"}, description = "Display the mapping of physical extents to LVs.")
    boolean maps;

    @Option(names = {"-s", "--short"}, description = "Only show the free capacity of each PV.")
    boolean shortForm;

    @Parameters(paramLabel = "PV", arity = "0..*")
    List<Path> pvs = new ArrayList<>();

    PvDisplayCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        int rc = ok();
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            List<PvInfo> all = PvInfo.all(set);
            List<PvInfo> shown = new ArrayList<>();
            for (Path p : pvs) {
                String path = p.toAbsolutePath().normalize().toString();
                PvInfo i = all.stream().filter(x -> x.path().equals(path)).findFirst().orElse(null);
                if (i == null) {
                    warn(java.nio.file.Files.exists(p) ? "Failed to find physical volume \"" + p + "\"."
                            : "Cannot use " + p + ": device not found");
                    rc = LvmError.FAILED;
                } else {
                    shown.add(i);
                }
            }
            for (PvInfo i : pvs.isEmpty() ? all : shown) {
                if (shortForm) {
                    // lvm prints the PV's free space (all of it for a PV in no VG)
                    long free = i.orphan() ? i.size() : (i.peCount() - i.allocated()) * i.peSize();
                    print("Device \"" + i.path() + "\" has a capacity of " + Display.size(free));
                    continue;
                }
                if (i.orphan()) {
                    print("\"" + i.path() + "\" is a new physical volume of \"" + Display.size(i.size()) + "\"");
                }
                if (colon) {
                    colons(i);
                } else {
                    full(i);
                    if (maps) {
                        segments(i);
                    }
                }
            }
        }
        return rc;
    }

    private void colons(PvInfo i) {
        long status = i.allocatable() ? 8 : 0;
        print(i.path() + ":" + (i.orphan() ? "" : i.vg().name()) + ":" + i.size() + ":-1:" + status + ":" + status
                + ":-1:" + i.peSize() / 2 + ":" + i.peCount() + ":" + (i.peCount() - i.allocated()) + ":"
                + i.allocated() + ":" + i.uuid());
    }

    private void full(PvInfo i) {
        print("--- " + (i.peSize() != 0 ? "" : "NEW ") + "Physical volume ---");
        print("PV Name               " + i.path());
        print("VG Name               " + (i.orphan() ? "" : i.vg().name()) + (i.exported() ? " (exported)" : ""));
        long data = i.peCount() * i.peSize();
        long pvSize;
        long unusable;
        if (i.size() > data + i.peStart()) {
            pvSize = i.size();
            unusable = pvSize - data;
        } else {
            pvSize = data + i.peStart();
            unusable = pvSize - i.size();
        }
        print("PV Size               " + Display.size(pvSize) + (data != 0 ? " / not usable " + Display.size(unusable) : ""));
        long free = i.peCount() - i.allocated();
        print(i.peCount() > 0 && i.allocatable() ? "Allocatable           yes " + (free == 0 ? "(but full)" : "")
                : "Allocatable           NO");
        print("PE Size               " + Display.size(i.peSize()));
        print("Total PE              " + i.peCount());
        print("Free PE               " + free);
        print("Allocated PE          " + i.allocated());
        print("PV UUID               " + i.uuid());
        print(" ");
    }

    /** lvm's pvdisplay_segments: allocated ranges with their LV and logical extents, and the free gaps. */
    private void segments(PvInfo i) {
        if (i.peSize() != 0) {
            print("--- Physical Segments ---");
        }
        long next = 0;
        for (long[] r : ranges(i)) {
            if (r[0] > next) {
                print("Physical extent " + next + " to " + (r[0] - 1) + ":");
                print("  FREE");
            }
            LogicalVolume lv = i.vg().lvs().get((int) r[2]);
            print("Physical extent " + r[0] + " to " + r[1] + ":");
            print("  Logical volume\t/dev/" + i.vg().name() + "/" + lv.name());
            print("  Logical extents\t" + r[3] + " to " + (r[3] + r[1] - r[0]));
            next = r[1] + 1;
        }
        if (i.peCount() > next) {
            print("Physical extent " + next + " to " + (i.peCount() - 1) + ":");
            print("  FREE");
        }
        print(" ");
    }

    /** {first PE, last PE, LV index, first LE} of each area of an LV on this PV, by first PE. */
    private static List<long[]> ranges(PvInfo i) {
        List<long[]> out = new ArrayList<>();
        if (i.orphan()) {
            return out;
        }
        List<LogicalVolume> lvs = i.vg().lvs();
        for (int l = 0; l < lvs.size(); l++) {
            for (Segment s : lvs.get(l).segments()) {
                if (s instanceof StripedSegment st) {
                    long per = st.extentCount() / st.stripes().size();
                    for (int k = 0; k < st.stripes().size(); k++) {
                        StripedSegment.Stripe x = st.stripes().get(k);
                        if (x.pvName().equals(i.pv().name())) {
                            out.add(new long[] {x.startPe(), x.startPe() + per - 1, l, s.startExtent() + k * per});
                        }
                    }
                }
            }
        }
        out.sort((a, b) -> Long.compare(a[0], b[0]));
        return out;
    }
}
