package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.vg.Allocator;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvInfo;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.report.lvm.DaemonLiveState;
import org.jlvm.cli.report.lvm.LvFigures;
import org.jlvm.cli.lvm.vg.VgEdits;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vgdisplay [-c|-s] [-v] [VG...]}: lvm's vgdisplay_full, colon and short layouts; {@code -v} adds the
 * VG's LVs (lvdisplay layout) and its PVs (pvdisplay_short).
 */
@Command(name = "vgdisplay", description = "Display volume group information.")
final class VgDisplayCommand extends LvmVerb {
    @Option(names = {"-c", "--colon"}, description = "Colon separated output.")
    boolean colon;

    @Option(names = {"-s", "--short"}, description = "One line per VG.")
    boolean brief;

    @Parameters(paramLabel = "VG", arity = "0..*")
    List<String> names = new ArrayList<>();

    VgDisplayCommand(CliContext ctx) {
        super(ctx);
    }

    /** Data%, Meta% and the live state of the VG's LVs, as lvs shows them, by LV UUID. */
    static Map<String, LvFigures> figuresByUuid(VgSession s, LvmSettings settings) throws IOException {
        return LvFigures.of(s, new DaemonLiveState(settings.active()));
    }

    @Override
    int run() throws IOException {
        List<String> vgs = new ArrayList<>(names);
        if (vgs.isEmpty()) {
            try (PvSet set = PvSet.open(ctx.home(), false)) {
                PvInfo.cacheOrder(set).forEach(f -> vgs.add(f.metadata().vg().name()));
            }
        }
        int rc = ok();
        for (String name : vgs) {
            try (VgSession s = VgSession.open(settings(), name.startsWith("/dev/") ? name.substring(5) : name, false)) {
                show(s);
            } catch (LvmError e) {
                e.lines().forEach(this::warn);
                rc = e.exitCode();
            }
        }
        return rc;
    }

    private void show(VgSession s) throws IOException {
        VolumeGroup vg = s.vg();
        long total = vg.pvs().stream().mapToLong(PhysicalVolume::peCount).sum();
        long free = new Allocator(vg).freeExtents();
        long ext = vg.extentSize();
        long visible = vg.lvs().stream().filter(LogicalVolume::isVisible).count();
        if (brief) {
            print(String.format("\"%s\" %-9s [%-9s used / %s free]", vg.name(), Display.size(total * ext),
                    Display.size((total - free) * ext), Display.size(free * ext)));
            return;
        }
        if (colon) {
            print(vg.name() + ":" + access(vg, "r/w", "r", "w", "") + ":" + status(vg) + ":-1:" + vg.maxLv() + ":"
                    + visible + ":0:-1:" + vg.maxPv() + ":" + vg.pvs().size() + ":" + vg.pvs().size() + ":"
                    + total * (ext / 2) + ":" + ext / 2 + ":" + total + ":" + (total - free) + ":" + free + ":"
                    + vg.id().formatted());
            return;
        }
        print("--- Volume group ---");
        print("VG Name               " + vg.name());
        print("System ID             " + (vg.systemId() == null ? "" : vg.systemId()));
        print("Format                " + vg.format());
        print("Metadata Areas        " + mdaCount(s));
        print("Metadata Sequence No  " + vg.seqno());
        print("VG Access             " + access(vg, "read/write", "read", "write", "error"));
        print("VG Status             " + (vg.status().contains("EXPORTED") ? "exported/" : "")
                + (vg.status().contains("RESIZEABLE") ? "" : "NOT ") + "resizable");
        print("MAX LV                " + vg.maxLv());
        print("Cur LV                " + visible);
        print("Open LV               0");
        print("Max PV                " + vg.maxPv());
        print("Cur PV                " + vg.pvs().size());
        print("Act PV                " + vg.pvs().size());
        print("VG Size               " + Display.size(total * ext));
        print("PE Size               " + Display.size(ext));
        print("Total PE              " + total);
        print("Alloc PE / Size       " + (total - free) + " / " + Display.size((total - free) * ext));
        print("Free  PE / Size       " + free + " / " + Display.size(free * ext));
        print("VG UUID               " + vg.id().formatted());
        print(" ");
        if (common.verbose.length > 0) {
            verboseParts(s);
        }
    }

    private void verboseParts(VgSession s) throws IOException {
        VolumeGroup vg = s.vg();
        Map<String, LvFigures> rows = figuresByUuid(s, settings());
        for (LogicalVolume lv : vg.lvs()) {
            if (lv.isVisible()) {
                LvFullDisplay.full(vg, lv, rows.getOrDefault(lv.id().formatted(), LvFigures.NONE)).forEach(this::print);
            }
        }
        print("--- Physical volumes ---");
        for (PhysicalVolume pv : vg.pvs()) {
            print("PV Name               " + s.pathOf(pv.name()) + "     ");
            print("PV UUID               " + pv.id().formatted());
            print("PV Status             " + (pv.status().contains("ALLOCATABLE") ? "" : "NOT ") + "allocatable");
            print("Total PE / Free PE    " + pv.peCount() + " / " + (pv.peCount() - VgEdits.allocated(vg, pv.name())));
            print(" ");
        }
    }

    private static int mdaCount(VgSession s) {
        int n = 0;
        for (PhysicalVolumeFile f : s.files()) {
            n += (int) f.metadataAreas().stream().filter(m -> !m.isIgnored()).count();
        }
        return n;
    }

    private static String access(VolumeGroup vg, String rw, String r, String w, String none) {
        boolean read = vg.status().contains("READ");
        boolean write = vg.status().contains("WRITE");
        return read && write ? rw : read ? r : write ? w : none;
    }

    /** The VG's status bits as lvm keeps them: LVM_READ 0x100, LVM_WRITE 0x200, RESIZEABLE 0x4, EXPORTED 0x2. */
    private static long status(VolumeGroup vg) {
        return (vg.status().contains("READ") ? 0x100 : 0) | (vg.status().contains("WRITE") ? 0x200 : 0)
                | (vg.status().contains("RESIZEABLE") ? 0x4 : 0) | (vg.status().contains("EXPORTED") ? 0x2 : 0);
    }
}
