package org.jlvm.cli.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.DevicesFile;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.PvSet;

/**
 * {@link VolumeNames} read the way {@code vgs}/{@code lvs} read them: the devices file's PVs opened read-only,
 * the VG metadata scanned, the files closed again. No VG lock is taken: a name may be a moment old, which is
 * all completion needs.
 */
final class OnDiskVolumeNames implements VolumeNames {
    private static final System.Logger LOG = System.getLogger(OnDiskVolumeNames.class.getName());

    private final LvmHome home;

    OnDiskVolumeNames(LvmHome home) {
        this.home = home;
    }

    @Override
    public Snapshot read() {
        List<Path> pvs = new ArrayList<>();
        List<Vg> vgs = new ArrayList<>();
        try {
            for (DevicesFile.Entry e : DevicesFile.read(home).entries()) {
                pvs.add(e.path());
            }
            try (PvSet set = PvSet.open(home, false)) {
                for (Map.Entry<String, VolumeGroupScan.Found> e : set.scan().vgs().entrySet()) {
                    vgs.add(vg(e.getValue().metadata().vg()));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no names for completion", e);
        }
        vgs.sort((a, b) -> a.name().compareTo(b.name()));
        return new Snapshot(vgs, pvs);
    }

    private static Vg vg(VolumeGroup vg) {
        List<Lv> lvs = new ArrayList<>();
        for (LogicalVolume lv : vg.lvs()) {
            if (lv.isVisible()) {
                lvs.add(lv(vg.name(), lv));
            }
        }
        return new Vg(vg.name(), lvs);
    }

    private static Lv lv(String vg, LogicalVolume lv) {
        Segment s = lv.segments().get(0);
        if (s instanceof ThinPoolSegment) {
            return new Lv(vg, lv.name(), LvType.THIN_POOL, "thin pool");
        }
        if (s instanceof ThinSegment t) {
            return t.origin() != null
                    ? new Lv(vg, lv.name(), LvType.THIN_SNAPSHOT, "snapshot of " + t.origin())
                    : new Lv(vg, lv.name(), LvType.THIN, "thin LV in " + t.thinPool());
        }
        String type = s.type();
        return new Lv(vg, lv.name(), type.equals("striped") ? LvType.LINEAR : LvType.OTHER, type);
    }
}
