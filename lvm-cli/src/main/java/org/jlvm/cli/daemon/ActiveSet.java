package org.jlvm.cli.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jlvm.cli.command.ThinAllocationMap;
import org.jlvm.cli.lvm.vg.ActivePools;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.nbd.Export;
import org.jlvm.thin.pool.ThinVolume;

/**
 * What the daemon holds active: per VG its PV files ({@link PvFiles}), the open pools, and the active LVs with their
 * exports. Requests run one at a time (synchronized); the I/O on
 * the exports does not take this lock.
 */
final class ActiveSet implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ActiveSet.class.getName());

    /** An active LV: its export and, for a thin LV, its pool. */
    private record ActiveLv(Export export, String pool) {
    }

    /** One VG with something active. */
    private static final class HeldVg {
        final PvFiles files = new PvFiles();
        final Map<String, ActivePool> pools = new LinkedHashMap<>();
        final Map<String, ActiveLv> lvs = new LinkedHashMap<>();
    }

    private final LiveExports exports;
    private final Function<String, String> uriOf;
    private final Map<String, HeldVg> vgs = new LinkedHashMap<>();

    /** @param uriOf the NBD URI of an export name */
    ActiveSet(LiveExports exports, Function<String, String> uriOf) {
        this.exports = exports;
        this.uriOf = uriOf;
    }

    synchronized boolean isEmpty() {
        return vgs.isEmpty();
    }

    /** Activates what {@code r} describes (already active LVs stay as they are). */
    synchronized void activate(ActivationRequest r) throws IOException {
        HeldVg held = vgs.computeIfAbsent(r.vg(), k -> new HeldVg());
        try {
            for (String p : r.poolLvs()) {
                pool(held, r, p);
                held.lvs.putIfAbsent(p, new ActiveLv(null, p));
            }
            for (ActivationRequest.ThinTable t : r.thins()) {
                if (held.lvs.containsKey(t.name())) {
                    continue;
                }
                ActivePool ap = pool(held, r, t.pool());
                held.lvs.putIfAbsent(t.pool(), new ActiveLv(null, t.pool())); // lvm activates the pool LV too
                Export e = thinExport(r.vg(), t, ap);
                exports.add(e);
                held.lvs.put(t.name(), new ActiveLv(e, t.pool()));
            }
            for (ActivationRequest.LinearTable l : r.linears().values()) {
                if (held.lvs.containsKey(l.name())) {
                    continue;
                }
                Export e = linearExport(r.vg(), l, held);
                exports.add(e);
                held.lvs.put(l.name(), new ActiveLv(e, null));
            }
        } finally {
            releaseUnused(r.vg());
        }
    }

    /**
     * Gives the active pools, thin and linear LVs of {@code r} their new tables (a resize): a pool grows onto its
     * longer devices ({@link ActivePool#reload}); new connections get the new
     * export, open ones keep theirs. LVs of {@code r} that are not active are left alone.
     */
    synchronized void reload(ActivationRequest r) throws IOException {
        HeldVg held = vgs.get(r.vg());
        if (held == null) {
            return;
        }
        for (String p : r.poolLvs()) {
            ActivePool ap = held.pools.get(p);
            ActivationRequest.PoolTable t = r.pools().get(p);
            if (ap != null && t != null) {
                ap.reload(t, held.files);
            }
        }
        for (ActivationRequest.ThinTable t : r.thins()) {
            ActiveLv a = held.lvs.get(t.name());
            ActivePool ap = held.pools.get(t.pool());
            if (a != null && a.export() != null && ap != null) {
                Export e = thinExport(r.vg(), t, ap);
                shutIfReadOnly(a, t.readOnly());
                exports.replace(e);
                held.lvs.put(t.name(), new ActiveLv(e, t.pool()));
            }
        }
        for (ActivationRequest.LinearTable l : r.linears().values()) {
            ActiveLv a = held.lvs.get(l.name());
            if (a != null && a.export() != null) {
                Export e = linearExport(r.vg(), l, held);
                shutIfReadOnly(a, l.readOnly());
                exports.replace(e);
                held.lvs.put(l.name(), new ActiveLv(e, null));
            }
        }
    }

    /** An LV made read-only while active: the writes of connections opened before stop too. */
    private static void shutIfReadOnly(ActiveLv old, boolean readOnly) {
        if (readOnly && old.export().device() instanceof WriteGate g) {
            g.shut();
        }
    }

    /** A writable export's device behind a {@link WriteGate}; a read-only one as it is. */
    private static org.jlvm.pool.io.BlockDevice gated(org.jlvm.pool.io.BlockDevice d, boolean readOnly) {
        return readOnly ? d : new WriteGate(d);
    }

    private static Export thinExport(String vg, ActivationRequest.ThinTable t, ActivePool ap) throws IOException {
        String name = vg + "/" + t.name();
        ThinVolume vol = ap.pool().volume(t.deviceId(), t.size());
        return Export.of(name, gated(new GroupCommitVolume(vol, ap.commits()), t.readOnly()), t.readOnly())
                .withAllocation(new ThinAllocationMap(vol, ap.pool().blockBytes())).withFastZeroes(true)
                .withDescription("thin LV " + name);
    }

    private static Export linearExport(String vg, ActivationRequest.LinearTable l, HeldVg held) throws IOException {
        String name = vg + "/" + l.name();
        return Export.of(name, gated(held.files.device(l.extents()), l.readOnly()), l.readOnly())
                .withDescription("linear LV " + name);
    }

    private ActivePool pool(HeldVg held, ActivationRequest r, String poolName) throws IOException {
        ActivePool ap = held.pools.get(poolName);
        if (ap == null) {
            ActivationRequest.PoolTable t = r.pools().get(poolName);
            if (t == null) {
                throw new IOException("activate: no table for pool " + poolName);
            }
            ap = ActivePool.open(r.vg(), t, held.files);
            held.pools.put(poolName, ap);
        }
        return ap;
    }

    /** Deactivates {@code names}; fails, changing nothing, when one of them is open. */
    synchronized void deactivate(String vgName, List<String> names) throws IOException {
        HeldVg held = vgs.get(vgName);
        if (held == null) {
            return;
        }
        for (String n : names) {
            ActiveLv a = held.lvs.get(n);
            if (a != null && a.export() != null && exports.openCount(a.export().name()) > 0) {
                throw LvmError.failed("Logical volume " + vgName + "/" + n + " in use.");
            }
        }
        for (String n : names) {
            ActiveLv a = held.lvs.remove(n);
            if (a != null && a.export() != null) {
                exports.remove(a.export().name());
            }
        }
        releaseUnused(vgName);
    }

    /** Closes pools neither active themselves nor used by an active thin LV, and the VG when nothing is left. */
    private void releaseUnused(String vgName) throws IOException {
        HeldVg held = vgs.get(vgName);
        if (held == null) {
            return;
        }
        IOException failure = null;
        for (var it = held.pools.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            boolean used = held.lvs.values().stream().anyMatch(a -> e.getKey().equals(a.pool()));
            if (!used) {
                it.remove();
                try {
                    e.getValue().close();
                } catch (IOException ex) {
                    failure = ex;
                }
            }
        }
        if (held.lvs.isEmpty() && held.pools.isEmpty()) {
            vgs.remove(vgName);
            held.files.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    synchronized void message(String vgName, String poolName, long tid, List<ActivePools.PoolChange> changes)
            throws IOException {
        HeldVg held = vgs.get(vgName);
        ActivePool ap = held == null ? null : held.pools.get(poolName);
        if (ap == null) {
            throw LvmError.failed("Thin pool " + vgName + "/" + poolName + " is not active.");
        }
        ap.message(ThinPools.dmName(vgName, poolName), tid, changes);
    }

    /**
     * Renames the active LV {@code from} of {@code vgName} to {@code to} (lvrename): its export takes the new
     * name. Refused while NBD clients have it open (their connections are counted by the export's name).
     */
    synchronized void rename(String vgName, String from, String to) throws IOException {
        HeldVg held = vgs.get(vgName);
        ActiveLv a = held == null ? null : held.lvs.get(from);
        if (a == null) {
            return;
        }
        if (a.export() == null || held.pools.containsKey(from)) {
            throw LvmError.failed("Cannot rename active thin pool " + vgName + "/" + from + ": deactivate it first "
                    + "(lvchange -an " + vgName + "/" + from + ").");
        }
        if (held.lvs.containsKey(to)) {
            throw LvmError.failed("Logical volume " + vgName + "/" + to + " is active already.");
        }
        Export old = a.export();
        if (exports.openCount(old.name()) > 0) {
            throw LvmError.failed("Logical volume " + vgName + "/" + from + " is in use: jlvm renames an active LV "
                    + "only while no NBD client has it open.");
        }
        String name = vgName + "/" + to;
        Export e = new Export(name, old.description().replace(old.name(), name), old.device(), old.readOnly(),
                old.allocation(), old.fastZeroes(), old.minBlockSize());
        exports.remove(old.name());
        exports.add(e);
        held.lvs.remove(from);
        held.lvs.put(to, new ActiveLv(e, a.pool()));
    }

    /** {@link ActivePool#sharing} of an active pool. */
    java.util.Map<Long, org.jlvm.thin.meta.ThinSharing.Usage> sharing(String vgName, String poolName)
            throws IOException {
        ActivePool ap;
        synchronized (this) {
            HeldVg held = vgs.get(vgName);
            ap = held == null ? null : held.pools.get(poolName);
        }
        if (ap == null) {
            throw LvmError.failed("Thin pool " + vgName + "/" + poolName + " is not active.");
        }
        return ap.sharing();
    }

    synchronized ActivePools.VgActivity activity(String vgName) throws IOException {
        HeldVg held = vgs.get(vgName);
        if (held == null) {
            return ActivePools.VgActivity.NONE;
        }
        Map<String, ActivePools.LvActivity> lvs = new LinkedHashMap<>();
        for (var e : held.lvs.entrySet()) {
            Export x = e.getValue().export();
            lvs.put(e.getKey(), x == null ? new ActivePools.LvActivity(false, 0, "")
                    : new ActivePools.LvActivity(x.readOnly(), exports.openCount(x.name()), uriOf.apply(x.name())));
        }
        Map<String, ActivePools.PoolActivity> pools = new LinkedHashMap<>();
        for (var e : held.pools.entrySet()) {
            pools.put(e.getKey(), e.getValue().activity());
        }
        return new ActivePools.VgActivity(lvs, pools);
    }

    /** Commits flushed by a pool's group commit so far (for status and tests). */
    synchronized long commits() {
        long n = 0;
        for (HeldVg h : vgs.values()) {
            for (ActivePool p : h.pools.values()) {
                n += p.commits().commits();
            }
        }
        return n;
    }

    /** Deactivates everything: exports gone, pools committed and closed, PVs closed. */
    @Override
    public synchronized void close() {
        for (String vg : new ArrayList<>(vgs.keySet())) {
            HeldVg held = vgs.get(vg);
            held.lvs.values().forEach(a -> {
                if (a.export() != null) {
                    exports.remove(a.export().name());
                }
            });
            held.lvs.clear();
            try {
                releaseUnused(vg);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "closing " + vg + ": " + e.getMessage());
            }
        }
    }
}
