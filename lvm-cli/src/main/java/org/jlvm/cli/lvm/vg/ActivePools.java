package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What a command must know about the LVs another process (the jlvm daemon) holds active, and how it changes them.
 * An active pool's metadata is open in the daemon only: no command opens it while it is active, changes to it go
 * to the daemon as pool messages, and its status is read from the daemon. Callers hold the VG's lock for changes.
 */
public interface ActivePools {
    /** Nothing is active anywhere (no daemon): every pool is opened directly. */
    ActivePools NONE = new ActivePools() {
        @Override
        public VgActivity activity(String vg) {
            return VgActivity.NONE;
        }

        @Override
        public void sendMessages(String vg, String pool, long transactionId, List<PoolChange> changes) {
            throw new IllegalStateException("pool " + vg + "/" + pool + " is not active");
        }

        @Override
        public void deactivate(String vg, List<String> lvs) {
            // nothing is active
        }
    };

    /** The active LVs and open pools of {@code vg} (empty when none, or when no daemon runs). */
    VgActivity activity(String vg) throws IOException;

    /**
     * Applies {@code changes} to the active pool's metadata and sets its transaction id to {@code transactionId}
     * (from {@code transactionId - 1}); changes already there are not made again.
     */
    void sendMessages(String vg, String pool, long transactionId, List<PoolChange> changes) throws IOException;

    /**
     * What each thin device of the active pool {@code vg/pool} maps alone and shares, taken in a metadata
     * snapshot by whoever holds the pool; null when nothing holds it.
     */
    default java.util.Map<Long, org.jlvm.thin.meta.ThinSharing.Usage> sharing(String vg, String pool)
            throws IOException {
        return null;
    }

    /** Renames the active LV {@code from} of {@code vg} (its export); nothing when nothing holds it. */
    default void rename(String vg, String from, String to) throws IOException {
    }

    /** Deactivates {@code lvs} of {@code vg} (fails when one is open). */
    void deactivate(String vg, List<String> lvs) throws IOException;

    /**
     * Reloads the active LV {@code lv} of the session's VG after its size changed, as lvm reloads a device-mapper
     * table: new NBD connections see the new size, connections already open keep the old one until they reconnect
     * (NBD has no size-change notice). Nothing to do when nothing is active.
     */
    default void reload(VgSession s, String lv) throws IOException {
    }

    /** One pool message: create a thin device, snapshot {@code origin} as {@code device}, or delete it. */
    record PoolChange(Kind kind, long device, long origin) {
        public enum Kind { CREATE, SNAPSHOT, DELETE }
    }

    /**
     * An active LV.
     *
     * @param readOnly exported read-only
     * @param open     NBD connections using it now
     * @param nbdUri   where clients connect (empty for a pool LV, which is not exported)
     */
    record LvActivity(boolean readOnly, int open, String nbdUri) {
    }

    /** A pool open in the daemon: its live status, and the mapped blocks of each thin device. */
    record PoolActivity(long transactionId, long dataUsed, long dataBlocks, long metadataUsed, long metadataBlocks,
            char health, Map<Long, Long> mappedBlocks) {
        public PoolActivity {
            mappedBlocks = Map.copyOf(mappedBlocks);
        }
    }

    /** The active LVs (by name) and open pools (by pool LV name) of one VG. */
    record VgActivity(Map<String, LvActivity> lvs, Map<String, PoolActivity> pools) {
        public static final VgActivity NONE = new VgActivity(Map.of(), Map.of());

        public VgActivity {
            lvs = Map.copyOf(lvs);
            pools = Map.copyOf(pools);
        }

        public boolean isEmpty() {
            return lvs.isEmpty() && pools.isEmpty();
        }
    }
}
