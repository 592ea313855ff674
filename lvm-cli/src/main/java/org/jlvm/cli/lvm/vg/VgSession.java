package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.text.TextHeader;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.ConcatBlockDevice;
import org.jlvm.pool.io.SliceBlockDevice;

/**
 * One command's hold on one VG: the VG lock (for writers), its PVs opened, the current metadata. {@link #commit}
 * archives the old metadata, writes the new one with the next seqno to every PV (lvm's precommit/commit) and
 * rewrites the backup; in test mode it only keeps the new VG in memory.
 */
public final class VgSession implements AutoCloseable {
    private final LvmSettings settings;
    private final VgLock lock;
    private final PvSet pvs;
    private final List<PhysicalVolumeFile> files;
    private VolumeGroup vg;
    private ActivePools.VgActivity activity;
    /** lvm archives a VG once per command, the metadata as the command found it. */
    private boolean archived;

    private VgSession(LvmSettings settings, VgLock lock, PvSet pvs, List<PhysicalVolumeFile> files, VolumeGroup vg) {
        this.settings = settings;
        this.lock = lock;
        this.pvs = pvs;
        this.files = files;
        this.vg = vg;
    }

    /** Opens {@code vgName}, locked when {@code write}; lvm's "not found" messages when it does not exist. */
    public static VgSession open(LvmSettings s, String vgName, boolean write) throws IOException {
        return open(s, vgName, write, PvSet.FILES);
    }

    /** As {@link #open(LvmSettings, String, boolean)} with the PVs' devices from {@code opener}. */
    public static VgSession open(LvmSettings s, String vgName, boolean write, PvSet.Opener opener)
            throws IOException {
        VgLock lock = write ? VgLock.acquire(s.home(), vgName, s.lockWaitMillis()) : null;
        PvSet pvs = null;
        try {
            pvs = PvSet.open(s.home(), write, opener);
            VolumeGroupScan.Found found = pvs.scan().vg(vgName).orElseThrow(() -> notFound(vgName));
            if (!found.missing().isEmpty()) {
                throw LvmError.failed("Cannot change VG " + vgName + " while PVs are missing.");
            }
            return new VgSession(s, lock, pvs, new ArrayList<>(found.pvs()), found.metadata().vg());
        } catch (IOException | RuntimeException e) {
            if (pvs != null) {
                pvs.close();
            }
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    public static LvmError notFound(String vgName) {
        return LvmError.failed("Volume group \"" + vgName + "\" not found", "Cannot process volume group " + vgName);
    }

    /** A new VG on {@code pvFiles}: writes seqno 1 and the backup (no archive: there was nothing before). */
    public static void create(LvmSettings s, List<PhysicalVolumeFile> pvFiles, VolumeGroup vg, long now)
            throws IOException {
        if (s.testMode()) {
            return;
        }
        PhysicalVolumeFile.commitVg(pvFiles, new VgText(TextHeader.forWrite(s.commandLine(), now), vg));
        VgBackups.backupAfter(s, vg, now);
    }

    public VolumeGroup vg() {
        return vg;
    }

    public LvmSettings settings() {
        return settings;
    }

    public PvSet pvSet() {
        return pvs;
    }

    /** What the daemon holds active in this VG (asked once per session, again after {@link #forgetActivity}). */
    public ActivePools.VgActivity activity() throws IOException {
        if (activity == null) {
            activity = settings.active().activity(vg.name());
        }
        return activity;
    }

    /** The next {@link #activity()} asks the daemon again. */
    public void forgetActivity() {
        activity = null;
    }

    /**
     * Fails with a clear message when {@code lvName} (or, for a pool, the pool) is active: the change it was asked
     * for cannot be made on an active LV by jlvm yet.
     */
    public void requireInactive(String lvName, String what) throws IOException {
        ActivePools.VgActivity a = activity();
        if (a.lvs().containsKey(lvName) || a.pools().containsKey(lvName)) {
            throw LvmError.failed("Cannot " + what + " active logical volume " + vg.name() + "/" + lvName
                    + ": deactivate it first (lvchange -an " + vg.name() + "/" + lvName + ").");
        }
    }

    public LogicalVolume lv(String name) {
        return vg.lv(name).orElseThrow(() -> LvmError.failed("Failed to find logical volume \"" + vg.name() + "/"
                + name + "\""));
    }

    /** Writes {@code next} (its seqno is replaced by the current one + 1). */
    public void commit(VolumeGroup next) throws IOException {
        commit(next, files);
    }

    /**
     * Writes {@code next} to {@code pvFiles}, the PVs of the new VG in its metadata order (vgextend adds PVs,
     * vgreduce leaves some out; they become the session's PVs).
     */
    public void commit(VolumeGroup next, List<PhysicalVolumeFile> pvFiles) throws IOException {
        List<PhysicalVolumeFile> target = List.copyOf(pvFiles);
        files.clear();
        files.addAll(target);
        long now = System.currentTimeMillis() / 1000;
        VolumeGroup numbered = next.withSeqno(vg.seqno() + 1);
        if (!settings.testMode()) {
            if (!archived) {
                VgBackups.archive(settings, vg, now);
                archived = true;
            }
            PhysicalVolumeFile.commitVg(files, new VgText(TextHeader.forWrite(settings.commandLine(), now), numbered));
            VgBackups.backupAfter(settings, numbered, now);
        }
        vg = numbered;
    }

    /** The PV files in metadata order. */
    public List<PhysicalVolumeFile> files() {
        return List.copyOf(files);
    }

    /** Where a linear LV's bytes lie: {@code length} bytes at {@code offset} of PV {@code pv}, in LV order. */
    public record Piece(PhysicalVolume pv, long offset, long length) {
    }

    /** A linear LV's pieces on its PVs, segment by segment. */
    public List<Piece> pieces(LogicalVolume lv) {
        return pieces(vg, lv);
    }

    private static List<Piece> pieces(VolumeGroup vg, LogicalVolume lv) {
        long extentBytes = vg.extentSize() * 512;
        List<Piece> out = new ArrayList<>();
        for (Segment s : lv.segments()) {
            if (!(s instanceof StripedSegment st) || st.stripes().size() != 1) {
                throw LvmError.failed("Logical volume " + vg.name() + "/" + lv.name() + " is not linear.");
            }
            StripedSegment.Stripe stripe = st.stripes().get(0);
            PhysicalVolume pv = vg.pv(stripe.pvName()).orElseThrow(() -> LvmError.failed(
                    "Logical volume " + lv.name() + " refers to unknown PV " + stripe.pvName() + "."));
            out.add(new Piece(pv, pv.peStart() * 512 + stripe.startPe() * extentBytes, st.extentCount() * extentBytes));
        }
        return out;
    }

    /** The bytes of a linear LV: its segments' extents on the PV files, concatenated. */
    public BlockDevice lvDevice(LogicalVolume lv) {
        return lvDevice(vg, lv, pvs, files);
    }

    /** The bytes of a linear LV of {@code vg}, whose PV files are {@code files} of {@code pvs} (no lock needed to read). */
    public static BlockDevice lvDevice(VolumeGroup vg, LogicalVolume lv, PvSet pvs, List<PhysicalVolumeFile> files) {
        List<BlockDevice> parts = new ArrayList<>();
        for (Piece p : pieces(vg, lv)) {
            parts.add(new SliceBlockDevice(deviceOf(p.pv(), pvs, files), p.offset(), p.length()));
        }
        return parts.size() == 1 ? parts.get(0) : new ConcatBlockDevice(parts);
    }

    private static BlockDevice deviceOf(PhysicalVolume pv, PvSet pvs, List<PhysicalVolumeFile> files) {
        for (PhysicalVolumeFile f : files) {
            if (f.label().pvUuid().equals(pv.id())) {
                return pvs.of(f).device();
            }
        }
        throw LvmError.failed("Couldn't find device with uuid " + pv.id() + ".");
    }

    /** The path of a PV of this VG, for reports ({@code seg_pe_ranges}, {@code devices}). */
    public String pathOf(String pvName) {
        PhysicalVolume pv = vg.pv(pvName).orElseThrow();
        for (PhysicalVolumeFile f : files) {
            if (f.label().pvUuid().equals(pv.id())) {
                return pvs.of(f).path().toString();
            }
        }
        return pv.device();
    }

    @Override
    public void close() throws IOException {
        try {
            pvs.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
