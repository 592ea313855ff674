package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.thin.meta.PoolMetadata;

/**
 * lvm2 2.03.16's lv_resize for the LVs jlvm has: linear LVs (grow at the end, contiguous when possible; shrink
 * from the end), thin LVs (virtual size), thin pools (data through {@code _tdata}, metadata through
 * {@code _tmeta} or {@code --poolmetadatasize}; the metadata grows with the data when lvm's estimate says so, the
 * spare follows). Messages, refusals and their order are lvm's. The VG is committed once, then the pool
 * metadata's space maps grow to the new {@code _tdata}/{@code _tmeta} sizes (a crash in between is finished by
 * the next command, {@link ThinPools#resolvePending}).
 */
public final class LvResize {
    /** lvextend, lvreduce or lvresize. */
    public enum Mode { EXTEND, REDUCE, ANY }

    /**
     * What to do: {@code amount} ({@code -L}/{@code -l}) and/or {@code poolMetadata} ({@code --poolmetadatasize}),
     * whether {@code -r} was given, and whether {@code -y}/{@code -f} answer lvm's question.
     */
    public record Request(Mode mode, ResizeAmount amount, ResizeAmount poolMetadata, boolean resizeFs,
            boolean noPrompt) {
    }

    private final VgSession s;
    private final Messages msg;
    private final Predicate<String> confirm;

    public LvResize(VgSession s, Messages msg, Predicate<String> confirm) {
        this.s = s;
        this.msg = msg;
        this.confirm = confirm;
    }

    public void resize(String name, Request r) throws IOException {
        VolumeGroup vg = s.vg();
        LogicalVolume lv = vg.lv(name).orElseThrow(() -> LvmError.failed("Logical volume " + name
                + " not found in volume group " + vg.name() + "."));
        ResizeAmount main = r.amount();
        ResizeAmount aux = null;
        if (r.poolMetadata() != null) {
            LvAttr.Role role = LvAttr.role(vg, lv);
            if (role != LvAttr.Role.THIN_POOL && role != LvAttr.Role.THIN_POOL_METADATA) {
                throw LvmError.failed("--poolmetadatasize can be used only with thin pools.");
            }
            if (main == null) {
                if (role == LvAttr.Role.THIN_POOL) {
                    lv = s.lv(ThinPools.poolSegment(lv).metadataLv());
                }
                main = r.poolMetadata();
            } else if (role == LvAttr.Role.THIN_POOL) {
                aux = r.poolMetadata();
            } else {
                throw LvmError.failed("--poolmetadatasize for thin-pool metadata cannot be used with size.");
            }
        }
        LogicalVolume top = topLayer(vg, lv);
        LogicalVolume layer = resizableLayer(vg, lv);
        LvAttr.Role topRole = LvAttr.role(vg, top);
        if (!top.isVisible() && topRole != LvAttr.Role.THIN_POOL_METADATA) {
            throw LvmError.failed("Can't resize internal logical volume " + vg.name() + "/" + top.name() + ".");
        }
        boolean resizeFs = r.resizeFs();
        if (resizeFs && topRole != LvAttr.Role.THIN && topRole != LvAttr.Role.PLAIN) {
            msg.print("Ignoring --resizefs as volume " + vg.name() + "/" + top.name()
                    + " does not have a filesystem.");
            resizeFs = false;
        }
        ResizePlan.Step mainStep = ResizePlan.prepare(vg, layer, main, r.mode(), r.poolMetadata() != null, msg);
        LogicalVolume tmeta = null;
        ResizePlan.Step auxStep = null;
        if (topRole == LvAttr.Role.THIN_POOL) {
            ThinPoolSegment p = ThinPools.poolSegment(top);
            tmeta = s.lv(p.metadataLv());
            if (aux == null && r.poolMetadata() == null && !mainStep.reduce()) {
                long estimate = mainStep.newExtents() * vg.extentSize() / (p.chunkSize() * (512 / 64));
                if (estimate > tmeta.extentCount() * vg.extentSize()) {
                    aux = ResizeAmount.sectors(estimate);
                }
            }
            if (aux != null) {
                auxStep = ResizePlan.prepare(vg, tmeta, aux, r.mode(), false, msg);
            }
        }
        boolean reload = topRole == LvAttr.Role.THIN || topRole == LvAttr.Role.PLAIN;
        // an active pool's metadata is the daemon's: it grows the pool when it takes the new table
        LogicalVolume ownerPool = topRole == LvAttr.Role.THIN_POOL || topRole == LvAttr.Role.THIN_POOL_METADATA
                ? poolOf(vg, top) : null;
        boolean poolActive = ownerPool != null && s.activity().pools().containsKey(ownerPool.name());
        if (!reload && ownerPool == null) {
            s.requireInactive(top.name(), "resize");
        }
        if (resizeFs) {
            // lvm's answer for an LV without an active device: jlvm has no filesystem support
            throw LvmError.failed("Logical volume " + vg.name() + "/" + top.name()
                    + " must be activated before resizing filesystem.");
        }
        if (mainStep.reduce() && !confirmReduce(top, mainStep.newExtents(), r.noPrompt())) {
            throw LvmError.failed("Logical volume " + vg.name() + "/" + top.name() + " NOT reduced.");
        }
        VolumeGroup next = vg;
        boolean metaGrew = false;
        if (auxStep != null) {
            long before = tmeta.extentCount();
            next = ResizePlan.apply(next, tmeta, auxStep, msg);
            metaGrew = next.lv(tmeta.name()).orElseThrow().extentCount() > before;
        }
        next = ResizePlan.apply(next, layer, mainStep, msg);
        boolean changed = next != vg;
        if (changed) {
            s.commit(next);
            if (reload && !s.settings().testMode()) {
                s.settings().active().reload(s, top.name()); // an active LV takes its new size
            }
        }
        LvAttr.Role layerRole = LvAttr.role(vg, layer);
        boolean dataGrew = layerRole == LvAttr.Role.THIN_POOL_DATA && mainStep.newExtents() > layer.extentCount();
        metaGrew |= layerRole == LvAttr.Role.THIN_POOL_METADATA && mainStep.newExtents() > layer.extentCount();
        if ((dataGrew || metaGrew) && !s.settings().testMode()) {
            if (poolActive) {
                s.settings().active().reload(s, ownerPool.name());
            } else {
                growPoolMetadata(s, s.lv(ownerPool.name()));
            }
        }
        if (changed && !mainStep.reduce() && topRole != LvAttr.Role.PLAIN) {
            new LvOps(s, msg).overprovisionWarnings(topRole == LvAttr.Role.THIN_POOL_METADATA ? null
                    : topRole == LvAttr.Role.THIN ? ThinPools.thinSegment(top).thinPool() : top.name());
        }
        msg.print("Logical volume " + vg.name() + "/" + top.name() + " successfully resized.");
    }

    /** lvm's question before a reduce (asked for every LV: jlvm treats its LVs as in use, see the README). */
    private boolean confirmReduce(LogicalVolume lv, long newExtents, boolean noPrompt) {
        String name = s.vg().name() + "/" + lv.name();
        msg.warn("WARNING: Reducing active logical volume to " + Units.display(newExtents * s.vg().extentSize() * 512)
                + ".");
        msg.warn("THIS MAY DESTROY YOUR DATA (filesystem etc.)");
        return noPrompt || confirm.test("Do you really want to reduce " + name + "?");
    }

    /** The pool whose {@code _tmeta} or {@code _tdata} is {@code lv}, or {@code lv} when it is the pool. */
    static LogicalVolume poolOf(VolumeGroup vg, LogicalVolume lv) {
        for (LogicalVolume l : vg.lvs()) {
            ThinPoolSegment p = ThinPools.poolSegment(l);
            if (p != null && (l.name().equals(lv.name()) || p.metadataLv().equals(lv.name())
                    || p.poolLv().equals(lv.name()))) {
                return l;
            }
        }
        throw new IllegalArgumentException(lv.name() + " belongs to no pool");
    }

    private static LogicalVolume topLayer(VolumeGroup vg, LogicalVolume lv) {
        return LvAttr.role(vg, lv) == LvAttr.Role.THIN_POOL_DATA ? poolOf(vg, lv) : lv;
    }

    private static LogicalVolume resizableLayer(VolumeGroup vg, LogicalVolume lv) {
        ThinPoolSegment p = ThinPools.poolSegment(lv);
        return p == null ? lv : vg.lv(p.poolLv()).orElseThrow();
    }

    /**
     * Grows the pool metadata's data space map to {@code _tdata} and its metadata space map to {@code _tmeta}, as
     * the kernel does when it resumes a pool whose devices grew. Never shrinks.
     */
    static boolean growPoolMetadata(VgSession s, LogicalVolume pool) throws IOException {
        ThinPoolSegment p = ThinPools.poolSegment(pool);
        long dataBlocks = s.lv(p.poolLv()).extentCount() * s.vg().extentSize() / p.chunkSize();
        long metaBlocks = s.lv(p.metadataLv()).extentCount() * s.vg().extentSize() / 8;
        try (PoolMetadata pm = ThinPools.open(s, pool, false)) {
            boolean grow = pm.stats().dataBlocks() < dataBlocks;
            boolean growMeta = pm.stats().metadataBlocks() < Math.min(metaBlocks, MAX_METADATA_BLOCKS);
            if (!grow && !growMeta) {
                return false;
            }
            if (grow) {
                pm.resizeData(dataBlocks);
            }
            if (growMeta) {
                pm.resizeMetadata();
            }
            pm.commit();
            return true;
        }
    }

    /** dm-thin's metadata space map limit (255 index entries of 16320 blocks). */
    static final long MAX_METADATA_BLOCKS = 255L * ((1 << 14) - 64);

    /** The thin LV's segment with a new virtual size. */
    static LogicalVolume withThinSize(LogicalVolume lv, long extents) {
        ThinSegment t = ThinPools.thinSegment(lv);
        return ThinPools.withSegments(lv, List.of(new ThinSegment(0, extents, t.thinPool(), t.transactionId(),
                t.deviceId(), t.origin(), t.externalOrigin(), t.merge())));
    }
}
