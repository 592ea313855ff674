package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.repair.Repair;
import org.jlvm.tools.restore.Repairer;

/**
 * {@code lvconvert --repair VG/POOL}, as lvm's thin pool repair does it: thin_repair reads the pool's
 * {@code _tmeta} and writes a fresh copy into the pool metadata spare; the spare becomes the pool's
 * {@code _tmeta}, the old metadata LV stays as the visible {@code POOL_metaN} (a backup to inspect or remove),
 * and a new spare is made when the VG has room. The VG is written only after the repaired metadata is on disk.
 * The repair runs in this process (our thin_repair), reading {@code _tmeta} and writing the spare in place.
 */
public final class PoolRepair {
    private final VgSession s;
    private final Messages msg;
    private final PrintWriter toolOutput;

    /** {@code toolOutput} gets what thin_repair prints (its errors, what it could not recover), unindented. */
    public PoolRepair(VgSession s, Messages msg, PrintWriter toolOutput) {
        this.s = s;
        this.msg = msg;
        this.toolOutput = toolOutput;
    }

    /**
     * Repairs the metadata of the inactive pool {@code poolName}.
     *
     * @param repairExecutable lvm's {@code global/thin_repair_executable}; empty disables repair, as in lvm
     */
    public void repair(String poolName, String repairExecutable) throws IOException {
        VolumeGroup vg = s.vg();
        LogicalVolume pool = s.lv(poolName);
        ThinPoolSegment seg = ThinPools.poolSegment(pool);
        if (seg == null) {
            String type = LvAttr.role(vg, pool) == LvAttr.Role.THIN ? "thin" : "linear";
            throw LvmError.failed("Command on LV " + display(pool) + " does not accept LV type " + type + ".",
                    "Command not permitted on LV " + display(pool) + ".");
        }
        if (repairExecutable.isEmpty()) {
            throw LvmError.failed("Thin repair commnand is not configured. Repair is disabled.");
        }
        if (s.activity().pools().containsKey(poolName)) {
            throw LvmError.failed("Active pools cannot be repaired.  Use lvchange -an first.");
        }
        if (s.settings().testMode()) {
            return;
        }
        LogicalVolume spare = ensureSpare();
        LogicalVolume tmeta = s.lv(seg.metadataLv());
        long repairedTid = repairInto(pool, tmeta, spare);
        if (repairedTid != seg.transactionId() && repairedTid - 1 != seg.transactionId()) {
            msg.warn("Transaction id " + seg.transactionId() + " from pool \"" + display(pool)
                    + "\" does not match repaired transaction id " + repairedTid + " from "
                    + ThinPools.dmPath(vg.name(), spare.name()) + ".");
        }
        String backup = swap(poolName, tmeta, spare);
        new LvOps(s, msg).overprovisionWarnings(null);
        msg.warn("WARNING: LV " + s.vg().name() + "/" + backup + " holds a backup of the unrepaired metadata. "
                + "Use lvremove when no longer required.");
        if (s.vg().pvs().size() > 1) {
            msg.warn("WARNING: New metadata LV " + s.vg().name() + "/" + tmeta.name() + " might use different PVs."
                    + "  Move it with pvmove if required.");
        }
    }

    /** The VG's pool metadata spare, made or grown to the largest pool metadata first (and committed). */
    private LogicalVolume ensureSpare() throws IOException {
        VolumeGroup vg = s.vg();
        long want = ResizePlan.largestMetadata(vg);
        VolumeGroup next = ResizePlan.withSpare(vg, want);
        if (next != vg) {
            s.commit(next);
        }
        LogicalVolume spare = ResizePlan.spare(s.vg());
        if (spare == null || spare.extentCount() < ResizePlan.spareExtents(s.vg(), want)) {
            throw LvmError.failed("Cannot create pool metadata spare: volume group \"" + s.vg().name()
                    + "\" has insufficient free space (" + new Allocator(s.vg()).freeExtents() + " extents): "
                    + (want - (spare == null ? 0 : spare.extentCount())) + " required.");
        }
        return spare;
    }

    /**
     * thin_repair from {@code tmeta} into {@code spare}, both read and written in place through the LVs' extents;
     * returns the repaired superblock's transaction id. A failed repair leaves the VG as it was (what was written
     * into the spare is unused) and fails with lvm's message.
     */
    private long repairInto(LogicalVolume pool, LogicalVolume tmeta, LogicalVolume spare) throws IOException {
        String vg = s.vg().name();
        try (BlockDevice src = s.lvDevice(tmeta); BlockDevice dst = s.lvDevice(spare)) {
            List<String> lost = new ArrayList<>();
            try {
                Repairer.repair(MetadataFile.of(src, ThinPools.dmPath(vg, tmeta.name())),
                        MetadataFile.of(dst, ThinPools.dmPath(vg, spare.name())),
                        new Repair.Overrides(null, null, null), lost);
            } catch (ToolException e) {
                toolOutput.println(e.getMessage());
                toolOutput.flush();
                throw LvmError.failed("Repair of thin metadata volume of thin pool " + display(pool)
                        + " failed (status:1). Manual repair required!");
            }
            for (String l : lost) {
                toolOutput.println("thin_repair: " + l);
            }
            toolOutput.flush();
            dst.flush();
            ByteBuffer sb = ByteBuffer.allocate(MetadataFile.BLOCK_SIZE);
            dst.read(0, sb);
            return ThinSuperblock.decode(sb.array()).transactionId();
        }
    }

    /**
     * lvm's identifier swap: the spare (now holding the repaired metadata) takes the metadata LV's name and
     * UUID and is hidden; the old metadata LV takes the spare's UUID and the first free {@code POOL_metaN}
     * name, visible. A new spare is allocated first, while the old one's name is still taken (lvm's order).
     * Returns the backup LV's name.
     */
    private String swap(String poolName, LogicalVolume tmeta, LogicalVolume spare) throws IOException {
        VolumeGroup vg = s.vg();
        LogicalVolume unspared = MetadataSwap.renamed(spare, spare.name(), true);
        VolumeGroup next = ResizePlan.withSpare(ThinPools.replace(vg, unspared), ResizePlan.largestMetadata(vg));
        String backup = LvOps.generateName(next, poolName + "_meta", "");
        LogicalVolume newTmeta = withId(MetadataSwap.renamed(spare, tmeta.name(), false), tmeta.id());
        LogicalVolume oldTmeta = withId(MetadataSwap.renamed(tmeta, backup, true), spare.id());
        List<LogicalVolume> lvs = new ArrayList<>();
        for (LogicalVolume l : next.lvs()) {
            if (l.name().equals(spare.name())) {
                lvs.add(oldTmeta);
            } else if (l.name().equals(tmeta.name())) {
                lvs.add(newTmeta);
            } else {
                lvs.add(l);
            }
        }
        s.commit(next.withLvs(lvs));
        return backup;
    }

    private static LogicalVolume withId(LogicalVolume lv, org.jlvm.cli.lvm.model.LvmUuid id) {
        return new LogicalVolume(lv.name(), id, lv.status(), lv.flags(), lv.tags(), lv.creationTime(),
                lv.creationHost(), lv.allocationPolicy(), lv.readAhead(), lv.segments());
    }

    private String display(LogicalVolume lv) {
        return s.vg().name() + "/" + lv.name();
    }
}
