package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.text.TextHeader;
import org.jlvm.pool.io.BlockDevice;

/** The LV changes of lvcreate, lvremove, lvrename and lvextend on an open, locked VG. */
public final class LvOps {
    private static final Random RANDOM = new SecureRandom();

    private final VgSession s;
    private final Messages msg;

    public VgSession session() {
        return s;
    }

    public LvOps(VgSession s, Messages msg) {
        this.s = s;
        this.msg = msg;
    }

    /** A pool's settings from the command line; nulls mean lvm's defaults. */
    public record PoolOptions(Long chunkSectors, Long metadataSectors, Boolean zero, String discards, boolean spare) {
    }

    // ------------------------------------------------------------------ sizes and names

    /** Extents for {@code sectors}, rounding up with lvm's message. */
    public long extentsFor(long sectors) {
        long e = s.vg().extentSize();
        long extents = (sectors + e - 1) / e;
        if (sectors % e != 0) {
            msg.print("Rounding up size to full physical extent " + Units.display(extents * e * 512));
        }
        return extents;
    }

    /** lvm's -l: {@code N}, {@code N%VG}, {@code N%FREE}, {@code N%PVS}. */
    public long extentsArg(String text) {
        String t = text.trim();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            int pct = t.indexOf('%');
            if (pct < 0) {
                return Long.parseLong(t);
            }
            long n = Long.parseLong(t.substring(0, pct));
            String of = t.substring(pct + 1).toUpperCase(java.util.Locale.ROOT);
            long base = switch (of) {
                case "VG", "PVS" -> s.vg().pvs().stream().mapToLong(p -> p.peCount()).sum();
                case "FREE" -> new Allocator(s.vg()).freeExtents();
                default -> throw new NumberFormatException(of);
            };
            return base * n / 100;
        } catch (NumberFormatException e) {
            throw LvmError.invalidNoHint("Invalid argument for --extents: " + text, "Error during parsing of command line.");
        }
    }

    public void checkFree(String name) {
        if (s.vg().lv(name).isPresent()) {
            throw LvmError.failed("Logical Volume \"" + name + "\" already exists in volume group \"" + s.vg().name() + "\"");
        }
    }

    /** lvm's default name: {@code lvolN}, N one more than the highest N of the names that start so. */
    public String defaultName() {
        return generateName(s.vg(), "lvol", "");
    }

    /**
     * lvm's generate_lv_name for the format {@code PREFIX%dSUFFIX}: one more than the highest number that follows
     * {@code prefix} in any LV name (as sscanf reads it, whatever comes after the number), 0 when none does. So
     * {@code lvol0_pmspare} counts for {@code lvol%d}, and a gap left by a removed LV is not filled.
     */
    static String generateName(VolumeGroup vg, String prefix, String suffix) {
        long high = -1;
        for (LogicalVolume lv : vg.lvs()) {
            String n = lv.name();
            if (!n.startsWith(prefix)) {
                continue;
            }
            int at = prefix.length();
            int start = at;
            if (at < n.length() && (n.charAt(at) == '-' || n.charAt(at) == '+')) {
                at++;
            }
            int digits = at;
            while (at < n.length() && Character.isDigit(n.charAt(at)) && at - digits < 9) {
                at++;
            }
            if (at > digits) {
                high = Math.max(high, Long.parseLong(n.substring(start, at)));
            }
        }
        return prefix + (high + 1) + suffix;
    }

    /**
     * The names in the VG of the PVs given by path on a command line (lvm's {@code lvcreate ... VG PV...}); lvm's
     * message for one that is not a PV of the VG. Physical extent ranges ({@code PV:PE-PE}) are not taken.
     */
    public java.util.Set<String> pvNames(List<String> paths) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String p : paths) {
            if (p.indexOf(':') >= 0) {
                throw LvmError.invalid("jlvm: physical extent ranges (" + p + ") are not supported; give whole PVs.");
            }
            java.nio.file.Path want = java.nio.file.Path.of(p).toAbsolutePath().normalize();
            String found = null;
            for (org.jlvm.cli.lvm.model.PhysicalVolume pv : s.vg().pvs()) {
                String at = s.pathOf(pv.name());
                if (at != null && java.nio.file.Path.of(at).toAbsolutePath().normalize().equals(want)) {
                    found = pv.name();
                }
            }
            if (found == null) {
                throw LvmError.failed("Physical Volume \"" + p + "\" not found in Volume Group \"" + s.vg().name()
                        + "\".");
            }
            out.add(found);
        }
        return out;
    }

    static LogicalVolume newLv(String name, boolean visible, List<String> flags, List<Segment> segments) {
        long now = System.currentTimeMillis() / 1000;
        String host = TextHeader.forWrite("", now).creationHost();
        List<String> status = visible ? List.of("READ", "WRITE", "VISIBLE") : List.of("READ", "WRITE");
        return new LogicalVolume(name, LvmUuid.random(RANDOM), status, flags, List.of(), now, host, null, null, segments);
    }

    private static List<LogicalVolume> plus(List<LogicalVolume> lvs, LogicalVolume... more) {
        List<LogicalVolume> out = new ArrayList<>(lvs);
        out.addAll(List.of(more));
        return out;
    }

    // ------------------------------------------------------------------ create

    public void createLinear(String name, long extents) throws IOException {
        createLinear(name, extents, null);
    }

    /** As {@link #createLinear(String, long)}, allocating only on the PVs named {@code pvNames} (null: any). */
    public void createLinear(String name, long extents, java.util.Set<String> pvNames) throws IOException {
        checkFree(name);
        Allocator a = pvNames == null ? new Allocator(s.vg()) : new Allocator(s.vg(), pvNames);
        LogicalVolume lv = newLv(name, true, List.of(), Allocator.segments(0, a.allocate(extents)));
        if (!s.settings().testMode()) {
            // lvm wipes the start of a new LV (its default -Z y), so old signatures do not show through
            BlockDevice dev = s.lvDevice(lv);
            dev.writeZeroes(0, Math.min(dev.size(), 4096));
            dev.flush();
        }
        s.commit(s.vg().withLvs(plus(s.vg().lvs(), lv)));
        overprovisionWarnings(null);
        msg.print("Logical volume \"" + name + "\" created.");
    }

    /** A thin pool of {@code dataExtents}: spare, data and metadata allocated in that order, the metadata formatted. */
    public void createPool(String name, long dataExtents, PoolOptions o) throws IOException {
        VolumeGroup vg = s.vg();
        checkFree(name);
        checkFree(name + "_tmeta");
        checkFree(name + "_tdata");
        ThinPools.PoolParams pp = ThinPools.params(dataExtents, vg.extentSize(), o.chunkSectors(), o.metadataSectors(),
                msg::warn);
        msg.print("Thin pool volume with chunk size " + Units.display(pp.chunkSectors() * 512)
                + " can address at most " + Units.display(pp.maxDataSectors() * 512) + " of data.");
        LogicalVolume spare = ResizePlan.spare(vg);
        long spareGrowth = !o.spare() ? 0 : spare == null ? pp.metadataExtents()
                : Math.max(0, pp.metadataExtents() - spare.extentCount());
        long free = new Allocator(vg).freeExtents();
        if (free < dataExtents + pp.metadataExtents() + spareGrowth) {
            throw LvmError.failed("Volume group \"" + vg.name() + "\" has insufficient free space (" + free
                    + " extents): " + (free < dataExtents ? dataExtents
                    : dataExtents + pp.metadataExtents() + spareGrowth) + " required.");
        }
        VolumeGroup spared = o.spare() ? ResizePlan.withSpare(vg, pp.metadataExtents()) : vg;
        Allocator a = new Allocator(spared);
        List<LogicalVolume> lvs = new ArrayList<>(spared.lvs());
        LogicalVolume tdata = newLv(name + "_tdata", false, List.of(), Allocator.segments(0, a.allocate(dataExtents)));
        LogicalVolume tmeta = newLv(name + "_tmeta", false, List.of(),
                Allocator.segments(0, a.allocate(pp.metadataExtents())));
        boolean zero = o.zero() == null || o.zero();
        String discards = o.discards() == null ? "passdown" : o.discards();
        LogicalVolume pool = newLv(name, true, List.of(), List.of(new ThinPoolSegment(0, dataExtents, tmeta.name(),
                tdata.name(), 0, pp.chunkSectors(), discards, zero, null, List.of())));
        ThinPools.format(s, tmeta, pp.chunkSectors(), dataExtents * vg.extentSize());
        lvs.add(pool);
        lvs.add(tmeta);
        lvs.add(tdata);
        s.commit(vg.withLvs(lvs));
        msg.print("Logical volume \"" + name + "\" created.");
    }

    static String spareName(VolumeGroup vg) {
        return generateName(vg, "lvol", "_pmspare");
    }

    public LogicalVolume pool(String poolName) {
        LogicalVolume pool = s.vg().lv(poolName).orElseThrow(() -> LvmError.failed("Pool " + poolName
                + " not found in Volume group " + s.vg().name() + "."));
        if (ThinPools.poolSegment(pool) == null) {
            throw LvmError.failed("Logical volume " + s.vg().name() + "/" + poolName + " is not a thin pool.");
        }
        return pool;
    }

    /**
     * A thin LV (or, with {@code origin}, a thin snapshot of it) in {@code poolName}: the VG is committed with a
     * pending create message and the bumped transaction id, the pool metadata gets the device, the VG is
     * committed without the message.
     */
    public void createThin(String name, String poolName, long extents, String origin, boolean skipActivation)
            throws IOException {
        checkFree(name);
        pool(poolName);
        VolumeGroup vg = s.vg();
        ThinPoolSegment p = ThinPools.poolSegment(vg.lv(poolName).orElseThrow());
        long dev = ThinPools.nextDeviceId(vg, poolName);
        LogicalVolume thin = newLv(name, true, skipActivation ? List.of("ACTIVATION_SKIP") : List.of(),
                List.of(new ThinSegment(0, extents, poolName, p.transactionId(), dev, origin, null, null)));
        VolumeGroup next = ThinPools.queue(vg.withLvs(plus(vg.lvs(), thin)), poolName,
                new ThinPoolSegment.Message(name, null));
        s.commit(next);
        ThinPools.sendMessages(s, poolName);
        overprovisionWarnings(poolName);
        msg.print("Logical volume \"" + name + "\" created.");
    }

    /**
     * lvm's warnings when thin LVs are bigger than their pool ({@code poolName}), or, with {@code null} (after
     * creating an LV that is not thin), when all thin LVs are bigger than all pools ("thin pools").
     */
    void overprovisionWarnings(String poolName) {
        VolumeGroup vg = s.vg();
        long extentBytes = vg.extentSize() * 512;
        long thinSum = 0;
        long poolSum = 0;
        if (poolName != null) {
            poolSum = vg.lv(poolName).orElseThrow().extentCount() * extentBytes;
            thinSum = thinBytes(vg, poolName);
            if (thinSum <= poolSum) {
                return;
            }
        }
        int morePools = 0;
        for (LogicalVolume pool : vg.lvs()) {
            if (ThinPools.poolSegment(pool) == null || pool.name().equals(poolName)) {
                continue;
            }
            morePools++;
            poolSum += pool.extentCount() * extentBytes;
            thinSum += thinBytes(vg, pool.name());
        }
        if (thinSum <= poolSum) {
            return;
        }
        long vgSize = vg.pvs().stream().mapToLong(p -> p.peCount()).sum() * extentBytes;
        long free = new Allocator(vg).freeExtents() * extentBytes;
        String txt = "";
        long size = poolSum;
        if (vgSize < thinSum) {
            txt = " and the size of whole volume group";
            size = vgSize;
        } else if (free < thinSum) {
            txt = free == 0 ? "" : " and the amount of free space in volume group";
            size = free;
        }
        String what = morePools > 0 ? "thin pools" : "thin pool " + vg.name() + "/" + poolName;
        msg.warn("WARNING: Sum of all thin volume sizes (" + Units.display(thinSum) + ") exceeds the size of " + what
                + txt + " (" + (size > 0 ? Units.display(size) : "no free space in volume group") + ").");
        msg.print("WARNING: You have not turned on protection against thin pools running out of space.");
        msg.print("WARNING: Set activation/thin_pool_autoextend_threshold below 100 to trigger automatic extension "
                + "of thin pools before they get full.");
    }

    private static long thinBytes(VolumeGroup vg, String pool) {
        return ThinPools.thinsOf(vg, pool).stream().mapToLong(LogicalVolume::extentCount).sum() * vg.extentSize() * 512;
    }

    // ------------------------------------------------------------------ remove

    /** Removes {@code name}; a pool takes its thin LVs, data, metadata and (when unused) the spare with it. */
    public void remove(String name, java.util.function.Predicate<String> confirm) throws IOException {
        VolumeGroup vg = s.vg();
        LogicalVolume lv = s.lv(name);
        LvAttr.Role role = LvAttr.role(vg, lv);
        switch (role) {
            case THIN_POOL_DATA, THIN_POOL_METADATA -> throw LvmError.failed("Can't remove logical volume " + name
                    + " used by a pool.");
            case THIN -> {
                deactivateForRemoval(List.of(name), confirm);
                removeThin(lv);
            }
            case THIN_POOL -> removePool(lv, confirm);
            default -> {
                deactivateForRemoval(List.of(name), confirm);
                List<LogicalVolume> lvs = new ArrayList<>(vg.lvs());
                lvs.remove(lv);
                s.commit(vg.withLvs(lvs));
                msg.print("Logical volume \"" + name + "\" successfully removed.");
            }
        }
    }

    /**
     * Deactivates those of {@code names} that are active before they are removed, as lvm does: an open one fails
     * ({@code in use}), an active one is removed only when the user agrees (or {@code -y}/{@code -f}).
     */
    private void deactivateForRemoval(List<String> names, java.util.function.Predicate<String> confirm)
            throws IOException {
        ActivePools.VgActivity a = s.activity();
        String vgName = s.vg().name();
        List<String> active = names.stream().filter(n -> a.lvs().containsKey(n) || a.pools().containsKey(n))
                .toList();
        if (active.isEmpty()) {
            return;
        }
        for (String n : active) {
            ActivePools.LvActivity la = a.lvs().get(n);
            if (la != null && la.open() > 0) {
                throw LvmError.failed("Logical volume " + vgName + "/" + n + " in use.");
            }
        }
        for (String n : active) {
            if (a.lvs().containsKey(n) && !confirm.test("Do you really want to remove active logical volume "
                    + vgName + "/" + n + "?")) {
                throw LvmError.failed("Logical volume " + vgName + "/" + n + " not removed.");
            }
        }
        if (!s.settings().testMode()) {
            s.settings().active().deactivate(vgName, active);
        }
        s.forgetActivity();
    }

    private void removeThin(LogicalVolume lv) throws IOException {
        VolumeGroup vg = s.vg();
        ThinSegment t = ThinPools.thinSegment(lv);
        List<LogicalVolume> lvs = new ArrayList<>();
        for (LogicalVolume l : vg.lvs()) {
            if (l == lv) {
                continue;
            }
            ThinSegment other = ThinPools.thinSegment(l);
            if (other != null && lv.name().equals(other.origin())) {
                // snapshots outlive their origin and lose the link, as in lvm
                l = ThinPools.withSegments(l, List.of(new ThinSegment(other.startExtent(), other.extentCount(),
                        other.thinPool(), other.transactionId(), other.deviceId(), null, other.externalOrigin(),
                        other.merge())));
            }
            lvs.add(l);
        }
        s.commit(ThinPools.queue(vg.withLvs(lvs), t.thinPool(), new ThinPoolSegment.Message(null, t.deviceId())));
        ThinPools.sendMessages(s, t.thinPool());
        msg.print("Logical volume \"" + lv.name() + "\" successfully removed.");
    }

    private void removePool(LogicalVolume pool, java.util.function.Predicate<String> confirm) throws IOException {
        VolumeGroup vg = s.vg();
        ThinPoolSegment p = ThinPools.poolSegment(pool);
        List<LogicalVolume> thins = ThinPools.thinsOf(vg, pool.name());
        if (!thins.isEmpty() && !confirm.test("Removing pool " + vg.name() + "/" + pool.name() + " will remove "
                + thins.size() + " dependent volume(s). Proceed?")) {
            throw LvmError.failed("Logical volume " + vg.name() + "/" + pool.name() + " not removed.");
        }
        List<String> gone = new ArrayList<>();
        thins.forEach(t -> gone.add(t.name()));
        gone.add(pool.name());
        deactivateForRemoval(gone, confirm);
        gone.add(p.metadataLv());
        gone.add(p.poolLv());
        boolean otherPool = vg.lvs().stream().anyMatch(l -> ThinPools.poolSegment(l) != null && l != pool);
        if (!otherPool) {
            vg.lvs().stream().filter(l -> LvAttr.role(vg, l) == LvAttr.Role.POOL_METADATA_SPARE)
                    .forEach(l -> gone.add(l.name()));
        }
        s.commit(vg.withLvs(vg.lvs().stream().filter(l -> !gone.contains(l.name())).toList()));
        for (LogicalVolume t : thins) {
            msg.print("Logical volume \"" + t.name() + "\" successfully removed.");
        }
        msg.print("Logical volume \"" + pool.name() + "\" successfully removed.");
    }

    // ------------------------------------------------------------------ rename

    public void rename(String from, String to) throws IOException {
        VolumeGroup vg = s.vg();
        LogicalVolume lv = vg.lv(from).orElseThrow(() -> LvmError.failed("Existing logical volume \"" + from
                + "\" not found in volume group \"" + vg.name() + "\""));
        if (!lv.isVisible()) {
            throw LvmError.failed("Cannot rename internal LV \"" + from + "\".");
        }
        boolean active = s.activity().lvs().containsKey(from) && !s.settings().testMode();
        if (ThinPools.poolSegment(lv) != null || s.activity().pools().containsKey(from)) {
            s.requireInactive(from, "rename");
        }
        Names.checkNewLvName(to);
        checkFree(to);
        ThinPoolSegment pool = ThinPools.poolSegment(lv);
        java.util.Map<String, String> renames = new java.util.HashMap<>();
        renames.put(from, to);
        if (pool != null) {
            renames.put(pool.metadataLv(), pool.metadataLv().replaceFirst("^" + java.util.regex.Pattern.quote(from), to));
            renames.put(pool.poolLv(), pool.poolLv().replaceFirst("^" + java.util.regex.Pattern.quote(from), to));
            checkFree(renames.get(pool.metadataLv()));
            checkFree(renames.get(pool.poolLv()));
        }
        List<LogicalVolume> lvs = new ArrayList<>();
        for (LogicalVolume l : vg.lvs()) {
            String n = renames.getOrDefault(l.name(), l.name());
            List<Segment> segs = new ArrayList<>();
            for (Segment seg : l.segments()) {
                if (seg instanceof ThinPoolSegment p) {
                    List<ThinPoolSegment.Message> ms = new ArrayList<>();
                    for (ThinPoolSegment.Message m : p.messages()) {
                        ms.add(m.create() != null ? new ThinPoolSegment.Message(renames.getOrDefault(m.create(),
                                m.create()), null) : m);
                    }
                    seg = new ThinPoolSegment(p.startExtent(), p.extentCount(),
                            renames.getOrDefault(p.metadataLv(), p.metadataLv()), renames.getOrDefault(p.poolLv(),
                            p.poolLv()), p.transactionId(), p.chunkSize(), p.discards(), p.zeroNewBlocks(),
                            p.cropMetadata(), ms);
                } else if (seg instanceof ThinSegment t) {
                    seg = new ThinSegment(t.startExtent(), t.extentCount(), renames.getOrDefault(t.thinPool(),
                            t.thinPool()), t.transactionId(), t.deviceId(),
                            t.origin() == null ? null : renames.getOrDefault(t.origin(), t.origin()),
                            t.externalOrigin() == null ? null : renames.getOrDefault(t.externalOrigin(),
                                    t.externalOrigin()), t.merge());
                }
                segs.add(seg);
            }
            lvs.add(new LogicalVolume(n, l.id(), l.status(), l.flags(), l.tags(), l.creationTime(), l.creationHost(),
                    l.allocationPolicy(), l.readAhead(), segs));
        }
        if (active) {
            // the daemon first (it refuses while the LV is open), then the VG; a failed commit renames it back
            s.settings().active().rename(vg.name(), from, to);
            try {
                s.commit(vg.withLvs(lvs));
            } catch (IOException | RuntimeException e) {
                try {
                    s.settings().active().rename(vg.name(), to, from);
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
            s.forgetActivity();
        } else {
            s.commit(vg.withLvs(lvs));
        }
        msg.print("Renamed \"" + from + "\" to \"" + to + "\" in volume group \"" + vg.name() + "\"");
    }
}
