package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.meta.PoolMetadata;

/**
 * Thin pools on inactive LVs, as lvm drives them through the kernel: lvm's default chunk and metadata sizes,
 * formatting the dm-thin metadata into {@code POOL_tmeta}, and the pool messages. A change is written first to
 * the VG metadata with a pending {@code messageN} and the transaction_id bumped, then applied to the pool
 * metadata, then the VG is committed without the messages; a command that finds messages left over by an
 * interrupted one finishes or drops them ({@link #resolvePending}).
 */
public final class ThinPools {
    /** dm-thin's smallest and largest data block (chunk), in sectors. */
    public static final long MIN_CHUNK = 128;
    public static final long MAX_CHUNK = 2097152;
    /** lvm's DEFAULT_THIN_POOL_MAX_METADATA_SIZE (KiB) and MIN (KiB); OPTIMAL (KiB). */
    static final long MAX_METADATA_KB = 255L * ((1 << 14) - 64) * 4;
    static final long MIN_METADATA_KB = 2048;
    static final long OPTIMAL_METADATA_KB = 128L * 1024;
    private static final long CACHE_BYTES = 8L << 20;

    private ThinPools() {
    }

    /** A new pool's chunk size (sectors) and metadata size (extents). */
    public record PoolParams(long chunkSectors, long metadataExtents, long maxDataSectors) {
    }

    /** Checks a {@code -c} value as lvm does (exit 3). */
    public static void checkChunk(long chunkSectors) {
        List<String> errors = new ArrayList<>();
        if (chunkSectors < MIN_CHUNK || chunkSectors > MAX_CHUNK) {
            errors.add("Thin pool chunk size " + Units.display(chunkSectors * 512) + " is not in the range "
                    + Units.display(MIN_CHUNK * 512) + " to " + Units.display(MAX_CHUNK * 512) + ".");
        }
        if (chunkSectors % MIN_CHUNK != 0) {
            errors.add("Thin pool chunk size " + Units.display(chunkSectors * 512) + " must be a multiple of "
                    + Units.display(MIN_CHUNK * 512) + ".");
        }
        if (!errors.isEmpty()) {
            throw LvmError.invalid(errors.toArray(new String[0]));
        }
    }

    /**
     * lvm's update_thin_pool_params: without a metadata size, 64 bytes per chunk (doubling the 64 KiB chunk while
     * that exceeds 128 MiB), rounded up to an extent and clamped to 2 MiB .. 15.88 GiB; with one, the chunk is
     * the smallest that the metadata can map.
     */
    public static PoolParams params(long dataExtents, long extentSize, Long chunk, Long metadataSectors,
            Consumer<String> warn) {
        long dataSectors = dataExtents * extentSize;
        long c;
        long meta;
        if (metadataSectors == null) {
            if (chunk == null) {
                c = MIN_CHUNK;
                meta = estimate(dataSectors, c);
                while (meta > OPTIMAL_METADATA_KB * 2 && c < MAX_CHUNK) {
                    c <<= 1;
                    meta >>= 1;
                }
            } else {
                c = chunk;
                meta = estimate(dataSectors, c);
            }
            if (meta % extentSize != 0) {
                meta += extentSize - meta % extentSize;
            }
        } else {
            meta = metadataSectors;
            long est = estimate(dataSectors, meta);
            est = (est + MIN_CHUNK - 1) / MIN_CHUNK * MIN_CHUNK;
            est = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, est));
            if (chunk == null) {
                c = est;
            } else {
                c = chunk;
                if (c < est) {
                    warn.accept("WARNING: Chunk size is smaller then suggested minimum size "
                            + Units.display(est * 512) + ".");
                }
            }
        }
        long maxData = c * (MAX_METADATA_KB * 2) * 512 / 64;
        if (maxData / extentSize < dataExtents) {
            throw LvmError.failed("Selected chunk size " + Units.display(c * 512) + " cannot address more then "
                    + Units.display(maxData * 512) + " of thin pool data space.");
        }
        if (meta > 2 * MAX_METADATA_KB) {
            meta = 2 * MAX_METADATA_KB;
            if (metadataSectors != null) {
                warn.accept("WARNING: Maximum supported pool metadata size is " + Units.display(meta * 512) + ".");
            }
        } else if (meta < 2 * MIN_METADATA_KB) {
            meta = 2 * MIN_METADATA_KB;
            if (metadataSectors != null) {
                warn.accept("WARNING: Minimum supported pool metadata size is " + Units.display(meta * 512) + ".");
            }
        }
        long metaExtents = (meta + extentSize - 1) / extentSize;
        if (c > dataSectors) {
            throw LvmError.failed("Size of thin-pool data volume cannot be smaller than chunk size "
                    + Units.display(c * 512) + ".");
        }
        return new PoolParams(c, metaExtents, maxData);
    }

    private static long estimate(long dataSectors, long per) {
        return dataSectors / (per * (512 / 64));
    }

    public static ThinPoolSegment poolSegment(LogicalVolume lv) {
        if (lv.segments().get(0) instanceof ThinPoolSegment p) {
            return p;
        }
        return null;
    }

    public static ThinSegment thinSegment(LogicalVolume lv) {
        if (lv.segments().get(0) instanceof ThinSegment t) {
            return t;
        }
        return null;
    }

    /** The thin LVs of {@code pool}. */
    public static List<LogicalVolume> thinsOf(VolumeGroup vg, String pool) {
        List<LogicalVolume> out = new ArrayList<>();
        for (LogicalVolume lv : vg.lvs()) {
            ThinSegment t = thinSegment(lv);
            if (t != null && t.thinPool().equals(pool)) {
                out.add(lv);
            }
        }
        return out;
    }

    /** lvm's next free device id: one above the highest in use or pending deletion. */
    public static long nextDeviceId(VolumeGroup vg, String pool) {
        long max = 0;
        for (LogicalVolume lv : thinsOf(vg, pool)) {
            max = Math.max(max, thinSegment(lv).deviceId());
        }
        ThinPoolSegment p = poolSegment(vg.lv(pool).orElseThrow());
        for (ThinPoolSegment.Message m : p.messages()) {
            if (m.delete() != null) {
                max = Math.max(max, m.delete());
            }
        }
        return max + 1;
    }

    /** Writes empty dm-thin metadata for a pool of {@code dataSectors} into {@code tmeta}. */
    public static void format(VgSession s, LogicalVolume tmeta, long chunkSectors, long dataSectors) throws IOException {
        if (s.settings().testMode()) {
            return;
        }
        BlockDevice dev = s.lvDevice(tmeta);
        dev.writeZeroes(0, Math.min(dev.size(), 4096));
        try (PoolMetadata pm = PoolMetadata.format(dev, (int) chunkSectors, dataSectors / chunkSectors, CACHE_BYTES)) {
            pm.commit();
        }
        dev.flush();
    }

    /** Opens the pool metadata of {@code pool} (its {@code _tmeta} LV). */
    public static PoolMetadata open(VgSession s, LogicalVolume pool, boolean readOnly) throws IOException {
        ThinPoolSegment seg = poolSegment(pool);
        LogicalVolume tmeta = s.lv(seg.metadataLv());
        return PoolMetadata.open(s.lvDevice(tmeta), CACHE_BYTES, readOnly);
    }

    /** {@code vg} with {@code lv} (same name) replaced. */
    public static VolumeGroup replace(VolumeGroup vg, LogicalVolume lv) {
        List<LogicalVolume> lvs = new ArrayList<>();
        for (LogicalVolume l : vg.lvs()) {
            lvs.add(l.name().equals(lv.name()) ? lv : l);
        }
        return vg.withLvs(lvs);
    }

    public static LogicalVolume withSegments(LogicalVolume lv, List<Segment> segments) {
        return new LogicalVolume(lv.name(), lv.id(), lv.status(), lv.flags(), lv.tags(), lv.creationTime(),
                lv.creationHost(), lv.allocationPolicy(), lv.readAhead(), segments);
    }

    public static ThinPoolSegment withMessages(ThinPoolSegment p, long transactionId,
            List<ThinPoolSegment.Message> messages) {
        return new ThinPoolSegment(p.startExtent(), p.extentCount(), p.metadataLv(), p.poolLv(), transactionId,
                p.chunkSize(), p.discards(), p.zeroNewBlocks(), p.cropMetadata(), messages);
    }

    /**
     * Queues {@code message} on {@code poolName} in {@code vg}: the first pending message bumps the pool's
     * transaction_id, as lvm's attach_pool_message does.
     */
    public static VolumeGroup queue(VolumeGroup vg, String poolName, ThinPoolSegment.Message message) {
        LogicalVolume pool = vg.lv(poolName).orElseThrow();
        ThinPoolSegment p = poolSegment(pool);
        List<ThinPoolSegment.Message> ms = new ArrayList<>(p.messages());
        long tid = ms.isEmpty() ? p.transactionId() + 1 : p.transactionId();
        ms.add(message);
        return replace(vg, withSegments(pool, List.of(withMessages(p, tid, ms))));
    }

    /**
     * Sends the pending messages of {@code poolName} to its metadata (create/snapshot/delete, then the new
     * transaction id, one commit) unless the metadata already has them, then commits the VG without them.
     */
    public static void sendMessages(VgSession s, String poolName) throws IOException {
        LogicalVolume pool = s.lv(poolName);
        ThinPoolSegment p = poolSegment(pool);
        if (p.messages().isEmpty()) {
            return;
        }
        if (!s.settings().testMode() && s.activity().pools().containsKey(poolName)) {
            s.settings().active().sendMessages(s.vg().name(), poolName, p.transactionId(), changes(s, p));
        } else if (!s.settings().testMode()) {
            try (PoolMetadata pm = open(s, pool, false)) {
                if (checkTransaction(s, pool, pm.stats().transactionId())) {
                    apply(s, pm, p);
                }
            }
        }
        s.commit(replace(s.vg(), withSegments(pool, List.of(withMessages(p, p.transactionId(), List.of())))));
    }

    /** The pending messages of {@code p} as pool changes (device ids resolved from the VG). */
    static List<ActivePools.PoolChange> changes(VgSession s, ThinPoolSegment p) {
        List<ActivePools.PoolChange> out = new ArrayList<>();
        for (ThinPoolSegment.Message m : p.messages()) {
            if (m.delete() != null) {
                out.add(new ActivePools.PoolChange(ActivePools.PoolChange.Kind.DELETE, m.delete(), -1));
            } else {
                ThinSegment t = thinSegment(s.lv(m.create()));
                out.add(t.origin() != null
                        ? new ActivePools.PoolChange(ActivePools.PoolChange.Kind.SNAPSHOT, t.deviceId(),
                                thinSegment(s.lv(t.origin())).deviceId())
                        : new ActivePools.PoolChange(ActivePools.PoolChange.Kind.CREATE, t.deviceId(), -1));
            }
        }
        return out;
    }

    /**
     * lvm's check of a pool's transaction_id against its metadata (libdm's _thin_pool_node_send_messages): equal
     * means the messages are already in (true: they are to be dropped); one behind with messages pending means
     * they are to be sent (false); anything else is lvm's error.
     */
    private static boolean checkTransaction(VgSession s, LogicalVolume pool, long have) {
        ThinPoolSegment p = poolSegment(pool);
        int pending = p.messages().isEmpty() ? 0 : 1;
        if (have == p.transactionId()) {
            return false;
        }
        if (have + 1 != p.transactionId()) {
            throw LvmError.failed("Thin pool " + dmName(s.vg().name(), pool.name()) + "-tpool transaction_id is "
                    + have + ", while expected " + (p.transactionId() - pending) + ".");
        }
        return pending == 1;
    }

    /**
     * Sends the pending messages of {@code p} to metadata one transaction behind. A change already there was made
     * by a daemon killed before it set the transaction id: it is skipped.
     */
    private static void apply(VgSession s, PoolMetadata pm, ThinPoolSegment p) throws IOException {
        for (ActivePools.PoolChange c : changes(s, p)) {
            boolean there = pm.devices().contains(c.device());
            switch (c.kind()) {
                case DELETE -> {
                    if (there) {
                        pm.deleteDevice(c.device());
                    }
                }
                case SNAPSHOT -> {
                    if (!there) {
                        pm.createSnapshot(c.device(), c.origin());
                    }
                }
                case CREATE -> {
                    if (!there) {
                        pm.createThin(c.device());
                    }
                }
            }
        }
        pm.setTransactionId(p.transactionId() - 1, p.transactionId());
        pm.commit();
    }

    /**
     * Before a command changes the VG: every pool's metadata must agree with the VG. What an interrupted command
     * left is finished with a message: pending messages are sent (metadata one transaction behind) or dropped
     * (metadata already has them), space maps smaller than {@code _tdata}/{@code _tmeta} are grown (as the kernel
     * does when it resumes a grown pool). Any other transaction_id difference fails with lvm's message, the VG
     * unchanged.
     */
    public static void resolvePending(VgSession s, Messages msg) throws IOException {
        if (s.settings().testMode()) {
            return;
        }
        for (LogicalVolume lv : s.vg().lvs()) {
            ThinPoolSegment p = poolSegment(lv);
            if (p == null) {
                continue;
            }
            if (s.activity().pools().containsKey(lv.name())) {
                if (!p.messages().isEmpty()) {
                    sendMessages(s, lv.name()); // the daemon skips what it already made
                }
                continue;
            }
            org.jlvm.thin.meta.PoolStats stats;
            try (PoolMetadata pm = open(s, lv, true)) {
                stats = pm.stats();
            } catch (IOException | RuntimeException e) {
                if (!p.messages().isEmpty()) {
                    throw e;
                }
                continue; // unreadable pool metadata: the commands that use this pool report it
            }
            boolean send = checkTransaction(s, lv, stats.transactionId());
            String name = s.vg().name() + "/" + lv.name();
            if (!p.messages().isEmpty()) {
                msg.warn("WARNING: Thin pool " + name + " has " + p.messages().size() + " pending message(s) of an"
                        + " interrupted command: " + (send ? "sending them (transaction_id " + (p.transactionId() - 1)
                        + " to " + p.transactionId() + ")." : "transaction_id matches " + p.transactionId()
                        + ", skipping messages."));
                sendMessages(s, lv.name());
            }
            long es = s.vg().extentSize();
            boolean small = stats.dataBlocks() < s.lv(p.poolLv()).extentCount() * es / p.chunkSize()
                    || stats.metadataBlocks() < Math.min(s.lv(p.metadataLv()).extentCount() * es / 8,
                    LvResize.MAX_METADATA_BLOCKS);
            if (small && LvResize.growPoolMetadata(s, s.lv(lv.name()))) {
                msg.warn("WARNING: Thin pool " + name + " metadata resized to the size of its data and metadata"
                        + " volumes (an interrupted resize).");
            }
        }
    }

    /** The device-mapper name of VG/LV (dashes doubled). */
    public static String dmName(String vg, String lv) {
        return vg.replace("-", "--") + "-" + lv.replace("-", "--");
    }

    /** The device-mapper path lvm would give the LV ({@code /dev/mapper/} and {@link #dmName}), for messages. */
    public static String dmPath(String vg, String lv) {
        return "/dev/mapper/" + dmName(vg, lv);
    }
}
