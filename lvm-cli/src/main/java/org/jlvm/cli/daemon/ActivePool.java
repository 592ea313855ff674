package org.jlvm.cli.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.vg.ActivePools;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.pool.DiscardMode;
import org.jlvm.thin.pool.NoSpacePolicy;
import org.jlvm.thin.pool.PoolMode;
import org.jlvm.thin.pool.ThinPool;
import org.jlvm.thin.pool.ThinPoolConfig;
import org.jlvm.thin.pool.ThinPoolStatus;
import org.jlvm.thin.meta.ThinSharing;

/**
 * A thin pool the daemon holds open: the engine over the pool's {@code _tmeta} and {@code _tdata} extents, with the
 * pool LV's settings (zeroing, discards, error when full) and its group commit. The engine commits on every flush (through {@link #commits()}) and every second while dirty.
 */
final class ActivePool implements AutoCloseable {
    /** lvm's LV flag for {@code --errorwhenfull y}. */
    static final String ERROR_WHEN_FULL = "ERROR_WHEN_FULL";
    private static final long CACHE_BYTES = 64L << 20;

    private final ThinPool pool;
    private final GrowingDevice metadata;
    private final GrowingDevice data;
    private final GroupCommit commits;

    private ActivePool(ThinPool pool, GrowingDevice metadata, GrowingDevice data) {
        this.pool = pool;
        this.metadata = metadata;
        this.data = data;
        this.commits = new GroupCommit(pool::commit);
    }

    /** Opens the pool {@code t} describes on {@code files}; its transaction id must be the VG's. */
    static ActivePool open(String vgName, ActivationRequest.PoolTable t, PvFiles files) throws IOException {
        GrowingDevice md = new GrowingDevice(files.device(t.meta()));
        GrowingDevice data = new GrowingDevice(files.device(t.data()));
        ThinPoolConfig cfg = ThinPoolConfig.defaults().withMetadataCacheBytes(CACHE_BYTES).withZeroNewBlocks(t.zero())
                .withDiscardMode(discards(t)).withNoSpace(whenFull(t), Duration.ofSeconds(60));
        ThinPool pool = ThinPool.open(md, data, (int) t.chunkSectors(), cfg);
        long have = pool.status().transactionId();
        if (have != t.tid()) {
            pool.close();
            throw LvmError.failed("Thin pool " + ThinPools.dmName(vgName, t.name()) + "-tpool transaction_id is "
                    + have + ", while expected " + t.tid() + ".");
        }
        return new ActivePool(pool, md, data);
    }

    ThinPool pool() {
        return pool;
    }

    GroupCommit commits() {
        return commits;
    }

    /**
     * Applies pool messages as lvm's kernel target does: from transaction {@code tid - 1}, each change not already
     * made (a daemon killed between two changes left some made), then the transaction id. Already at {@code tid}:
     * nothing to do.
     */
    void message(String dmName, long tid, List<ActivePools.PoolChange> changes) throws IOException {
        long have = pool.status().transactionId();
        if (have == tid) {
            return;
        }
        if (have != tid - 1) {
            throw LvmError.failed("Thin pool " + dmName + "-tpool transaction_id is " + have + ", while expected "
                    + (tid - 1) + ".");
        }
        for (ActivePools.PoolChange c : changes) {
            boolean there = pool.devices().contains(c.device());
            switch (c.kind()) {
                case CREATE -> {
                    if (!there) {
                        pool.createThin(c.device());
                    }
                }
                case SNAPSHOT -> {
                    if (!there) {
                        pool.createSnapshot(c.device(), c.origin());
                    }
                }
                case DELETE -> {
                    if (there) {
                        pool.deleteDevice(c.device());
                    }
                }
            }
        }
        pool.setTransactionId(have, tid);
    }

    private static DiscardMode discards(ActivationRequest.PoolTable t) {
        return switch (t.discards()) {
            case "ignore" -> DiscardMode.IGNORE;
            case "nopassdown" -> DiscardMode.NOPASSDOWN;
            default -> DiscardMode.PASSDOWN;
        };
    }

    private static NoSpacePolicy whenFull(ActivationRequest.PoolTable t) {
        return t.errorWhenFull() ? NoSpacePolicy.ERROR : NoSpacePolicy.QUEUE;
    }

    /**
     * Takes the pool's new table (the VG is committed), as dm-thin takes a reloaded pool table: its settings
     * (zeroing, discards, error when full: lvchange -Z/--discards/--errorwhenfull), and after an lvextend of its data
     * or metadata LV the longer devices, then the pool grows its data space map to the data device and its metadata
     * space map to the metadata device. Writes that waited for space (queue when full) go on.
     */
    void reload(ActivationRequest.PoolTable t, PvFiles files) throws IOException {
        pool.reconfigure(t.zero(), discards(t), whenFull(t));
        BlockDevice md = files.device(t.meta());
        BlockDevice dd = files.device(t.data());
        if (md.size() < metadata.size() || dd.size() < data.size()) {
            throw LvmError.failed("Thin pool " + t.name() + " cannot shrink while active.");
        }
        if (md.size() > metadata.size()) {
            metadata.grow(md);
            pool.resizeMetadata();
        }
        if (dd.size() > data.size()) {
            data.grow(dd);
            pool.resizeData(dd.size() / pool.blockBytes());
        }
    }

    /**
     * What each thin device maps alone and shares, walked in a metadata snapshot (reserved, walked, released:
     * the live pool goes on writing, and the snapshot keeps the walked trees from being reused meanwhile).
     */
    Map<Long, ThinSharing.Usage> sharing() throws IOException {
        long held = pool.reserveMetadataSnap();
        try {
            return ThinSharing.compute(metadata, held);
        } finally {
            pool.releaseMetadataSnap();
        }
    }

    /** The live status, with the mapped blocks of every thin device. */
    ActivePools.PoolActivity activity() throws IOException {
        ThinPoolStatus st = pool.status();
        Map<Long, Long> mapped = new HashMap<>();
        for (long dev : pool.devices()) {
            mapped.put(dev, pool.volumeStatus(dev).mappedBlocks());
        }
        char health = st.mode() == PoolMode.OUT_OF_DATA_SPACE ? 'D' : st.mode() == PoolMode.READ_ONLY ? 'M'
                : st.mode() == PoolMode.FAIL ? 'F' : '-';
        return new ActivePools.PoolActivity(st.transactionId(), st.usedDataBlocks(), st.totalDataBlocks(),
                st.usedMetadataBlocks(), st.totalMetadataBlocks(), health, mapped);
    }

    /** Drains, commits and closes the engine (the devices belong to the held VG). */
    @Override
    public void close() throws IOException {
        pool.close();
    }
}
