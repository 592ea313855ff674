package org.jlvm.cli.report.lvm;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.vg.ActivePools;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.report.Percent;

/**
 * The live state the jlvm daemon reports ({@link ActivePools#activity}, asked once per VG): active LVs are
 * {@code a}, open while an NBD client uses them; an active pool's Data%, Meta% and health, and its thin LVs'
 * mapped blocks, are the daemon's figures (its metadata is the daemon's, never read from disk). What follows from
 * the VG (a pool is open while a thin LV of it is active, {@code _tdata}/{@code _tmeta} follow their pool) is
 * {@link LvFields}' part.
 */
public final class DaemonLiveState implements LiveState {
    private final ActivePools daemon;
    private final Map<String, ActivePools.VgActivity> byVg = new HashMap<>();
    private final Map<String, Map<Long, org.jlvm.thin.meta.ThinSharing.Usage>> sharing = new HashMap<>();

    public DaemonLiveState(ActivePools daemon) {
        this.daemon = daemon;
    }

    @Override
    public Map<Long, org.jlvm.thin.meta.ThinSharing.Usage> sharing(String vg, LogicalVolume pool) {
        if (!activity(vg).pools().containsKey(pool.name())) {
            return null;
        }
        return sharing.computeIfAbsent(vg + "/" + pool.name(), k -> {
            try {
                Map<Long, org.jlvm.thin.meta.ThinSharing.Usage> m = daemon.sharing(vg, pool.name());
                return m == null ? Map.of() : m;
            } catch (IOException | RuntimeException e) {
                return Map.of(); // blank values, as for a pool whose metadata cannot be read
            }
        });
    }

    private ActivePools.VgActivity activity(String vg) {
        ActivePools.VgActivity a = byVg.get(vg);
        if (a == null) {
            try {
                a = daemon.activity(vg);
            } catch (IOException e) {
                throw LvmError.failed("Cannot ask the jlvm daemon about VG " + vg + ": " + e.getMessage());
            }
            byVg.put(vg, a);
        }
        return a;
    }

    @Override
    public char state(String vg, LogicalVolume lv) {
        return activity(vg).lvs().containsKey(lv.name()) ? 'a' : '-';
    }

    @Override
    public char open(String vg, LogicalVolume lv) {
        return openCount(vg, lv) > 0 ? 'o' : '-';
    }

    @Override
    public boolean poolOpen(String vg, LogicalVolume pool) {
        return activity(vg).pools().containsKey(pool.name());
    }

    @Override
    public int openCount(String vg, LogicalVolume lv) {
        ActivePools.LvActivity act = activity(vg).lvs().get(lv.name());
        return act == null ? 0 : act.open();
    }

    @Override
    public boolean readOnly(String vg, LogicalVolume lv) {
        ActivePools.LvActivity act = activity(vg).lvs().get(lv.name());
        return act != null && act.readOnly();
    }

    @Override
    public char health(String vg, LogicalVolume lv) {
        ActivePools.PoolActivity p = activity(vg).pools().get(lv.name());
        return p == null ? '-' : p.health();
    }

    @Override
    public Percent dataPercent(String vg, LogicalVolume lv) {
        ActivePools.PoolActivity p = activity(vg).pools().get(lv.name());
        return p == null ? null : Percent.of(p.dataUsed(), p.dataBlocks());
    }

    @Override
    public Percent metadataPercent(String vg, LogicalVolume lv) {
        ActivePools.PoolActivity p = activity(vg).pools().get(lv.name());
        return p == null ? null : Percent.of(p.metadataUsed(), p.metadataBlocks());
    }

    @Override
    public Long mappedBlocks(String vg, ThinSegment thin) {
        ActivePools.PoolActivity p = activity(vg).pools().get(thin.thinPool());
        return p == null ? null : p.mappedBlocks().get(thin.deviceId());
    }

    @Override
    public String nbdUri(String vg, LogicalVolume lv) {
        ActivePools.LvActivity act = activity(vg).lvs().get(lv.name());
        return act == null ? "" : act.nbdUri();
    }
}
