package org.jlvm.cli.report.lvm;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.meta.PoolMetadata;
import org.jlvm.thin.meta.PoolStats;
import org.jlvm.thin.meta.ThinSharing;

/**
 * What the pools of one VG hold, read from their dm-thin metadata when a report first asks (also for inactive
 * pools): the pool's data and metadata use, each thin device's mapped blocks, and, only when a sharing field
 * is shown, each device's exclusive and shared blocks ({@link ThinSharing}, one walk per pool). A pool whose
 * metadata cannot be read reports blank values, as lvm does for a pool it cannot query.
 */
public final class PoolUsage {

    /** Opens the metadata device (the {@code _tmeta} extents) of a pool LV. */
    @FunctionalInterface
    public interface MetadataDevices {
        BlockDevice open(LogicalVolume pool) throws IOException;
    }

    /** One pool as read; {@code sharing} is null until asked for. */
    static final class Pool {
        PoolStats stats;
        final Map<Long, Long> mapped = new HashMap<>();
        Map<Long, ThinSharing.Usage> sharing;
        boolean sharingFailed;
    }

    private static final long CACHE_BYTES = 8L << 20;

    private final MetadataDevices devices;
    private final Map<String, Pool> pools = new HashMap<>();

    public PoolUsage(MetadataDevices devices) {
        this.devices = devices;
    }

    /** No pool can be read: every usage value is blank. */
    public static PoolUsage none() {
        return new PoolUsage(pool -> {
            throw new IOException("no metadata");
        });
    }

    /** The pool's figures, or null when its metadata cannot be read. */
    Pool pool(LogicalVolume poolLv) {
        return pools.computeIfAbsent(poolLv.name(), n -> read(poolLv));
    }

    private Pool read(LogicalVolume poolLv) {
        try (BlockDevice dev = devices.open(poolLv);
             PoolMetadata pm = PoolMetadata.open(dev, CACHE_BYTES, true)) {
            Pool p = new Pool();
            p.stats = pm.stats();
            for (long id : pm.devices()) {
                DeviceDetails d = pm.details(id);
                p.mapped.put(id, d.mappedBlocks());
            }
            return p;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Exclusive/shared blocks of a device of the pool, or null when they cannot be computed. */
    ThinSharing.Usage sharing(LogicalVolume poolLv, long deviceId) {
        Pool p = pool(poolLv);
        if (p == null || p.sharingFailed) {
            return null;
        }
        if (p.sharing == null) {
            try (BlockDevice dev = devices.open(poolLv)) {
                p.sharing = ThinSharing.compute(dev);
            } catch (IOException | RuntimeException e) {
                p.sharingFailed = true;
                return null;
            }
        }
        return p.sharing.get(deviceId);
    }
}
