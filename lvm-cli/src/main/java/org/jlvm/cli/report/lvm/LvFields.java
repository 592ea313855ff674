package org.jlvm.cli.report.lvm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.report.Percent;
import org.jlvm.cli.report.Shown;

/** The Logical Volume fields (lvm2's LVS, LVSINFO, LVSSTATUS and lv_attr) of {@code lvs} rows. */
final class LvFields {

    private static final List<String> BLANK = List.of("move_pv", "move_pv_uuid", "convert_lv", "convert_lv_uuid",
        "mirror_log", "mirror_log_uuid", "lv_profile", "lv_lockargs", "raid_sync_action", "raidintegritymode",
        "lv_health_status", "kernel_discards");
    private static final List<String> UNDEFINED = List.of("raid_mismatch_count", "raid_write_behind",
        "raid_min_recovery_rate", "raid_max_recovery_rate", "raidintegrityblocksize", "integritymismatches",
        "writecache_block_size", "lv_time_removed", "origin_size", "snap_percent", "copy_percent", "sync_percent");
    private static final List<String> NO = List.of("lv_initial_image_sync", "lv_image_synced", "lv_merging",
        "lv_converting", "lv_historical", "lv_active_remotely");

    /** The fields {@link #bind} binds, in its order; each getter is made when a report first uses it. */
    private static final List<String> IDS = List.of(
        "lv_uuid", "lv_name", "lv_full_name", "lv_path", "lv_dm_path", "lv_parent", "lv_layout", "lv_role",
        "lv_allocation_policy", "lv_allocation_locked", "lv_fixed_minor", "lv_skip_activation", "lv_autoactivation",
        "lv_when_full", "lv_active", "lv_active_locally", "lv_active_exclusively", "lv_major", "lv_minor",
        "lv_read_ahead", "lv_size", "lv_metadata_size", "seg_count", "origin", "origin_uuid", "lv_ancestors",
        "lv_full_ancestors", "lv_descendants", "lv_full_descendants", "data_lv", "data_lv_uuid", "metadata_lv",
        "metadata_lv_uuid", "pool_lv", "pool_lv_uuid", "lv_tags", "lv_time", "lv_host", "lv_modules",
        "lv_kernel_major", "lv_kernel_minor", "lv_permissions", "data_percent", "metadata_percent", "lv_check_needed",
        "lv_attr");

    private LvFields() {
    }

    static void bind(Map<String, Function<LvRow, Object>> g) {
        BLANK.forEach(id -> g.put(id, r -> ""));
        UNDEFINED.forEach(id -> g.put(id, r -> null));
        NO.forEach(id -> g.put(id, r -> false));
        for (String id : IDS) {
            g.put(id, new LazyField<>(id, LvFields::field));
        }
    }

    /** The getter of {@code id} (linking all of them costs a new JVM about 10 ms; a report uses a few). */
    private static Function<LvRow, Object> field(String id) {
        return switch (id) {
            case "lv_uuid" -> r -> r.lv().id().formatted();
            case "lv_name" -> r -> r.lv().isVisible() ? r.lv().name()
                : new Shown("[" + r.lv().name() + "]", r.lv().name());
            case "lv_full_name" -> r -> r.vg().name() + "/" + r.lv().name();
            case "lv_path" -> r -> r.lv().isVisible() && pool(r) == null
                ? "/dev/" + r.vg().name() + "/" + r.lv().name() : "";
            case "lv_dm_path" -> r -> "/dev/mapper/" + dm(r.vg().name()) + "-" + dm(r.lv().name());
            case "lv_parent" -> r -> orEmpty(r.vg().poolOf(r.lv().name()));
            case "lv_layout" -> r -> LvKind.layout(r.vg(), r.lv());
            case "lv_role" -> r -> LvKind.role(r.vg(), r.lv());
            case "lv_allocation_policy" -> r -> r.lv().allocationPolicy() == null ? "inherit"
                : r.lv().allocationPolicy();
            case "lv_allocation_locked" -> r -> r.lv().status().contains("LOCKED");
            case "lv_fixed_minor" -> r -> r.lv().status().contains("FIXED_MINOR");
            case "lv_skip_activation" -> r -> r.lv().flags().contains("ACTIVATION_SKIP");
            case "lv_autoactivation" -> r -> !r.lv().flags().contains("NOAUTOACTIVATE");
            case "lv_when_full" -> r -> pool(r) == null ? ""
                : errorWhenFull(r.lv()) ? "error" : "queue";
            case "lv_active" -> r -> active(r) ? "active" : "";
            case "lv_active_locally" -> LvFields::active;
            case "lv_active_exclusively" -> LvFields::active;
            case "lv_major" -> r -> -1L;
            case "lv_minor" -> r -> -1L;
            case "lv_read_ahead" -> r -> r.lv().readAhead() == null ? new Shown("auto", -1L) : r.lv().readAhead() * 512;
            case "lv_size" -> r -> r.lv().extentCount() * r.vg().extentBytes();
            case "lv_metadata_size" -> r -> pool(r) == null ? null
                : r.vg().lv(pool(r).metadataLv()).extentCount() * r.vg().extentBytes();
            case "seg_count" -> r -> (long) r.lv().segments().size();
            case "origin" -> r -> orEmpty(origin(r.lv()));
            case "origin_uuid" -> r -> uuid(r.vg(), origin(r.lv()));
            case "lv_ancestors" -> r -> ancestors(r.vg(), r.lv());
            case "lv_full_ancestors" -> r -> ancestors(r.vg(), r.lv());
            case "lv_descendants" -> r -> descendants(r.vg(), r.lv().name());
            case "lv_full_descendants" -> r -> descendants(r.vg(), r.lv().name());
            case "data_lv" -> r -> pool(r) == null ? "" : "[" + pool(r).poolLv() + "]";
            case "data_lv_uuid" -> r -> pool(r) == null ? "" : uuid(r.vg(), pool(r).poolLv());
            case "metadata_lv" -> r -> pool(r) == null ? "" : "[" + pool(r).metadataLv() + "]";
            case "metadata_lv_uuid" -> r -> pool(r) == null ? "" : uuid(r.vg(), pool(r).metadataLv());
            case "pool_lv" -> r -> thin(r) == null ? "" : thin(r).thinPool();
            case "pool_lv_uuid" -> r -> thin(r) == null ? "" : uuid(r.vg(), thin(r).thinPool());
            case "lv_tags" -> r -> r.lv().tags();
            case "lv_time" -> r -> r.lv().creationTime() == 0 ? null : Instant.ofEpochSecond(r.lv().creationTime());
            case "lv_host" -> r -> orEmpty(r.lv().creationHost());
            case "lv_modules" -> r -> pool(r) != null ? List.of("thin-pool")
                : thin(r) != null ? List.of("thin", "thin-pool") : List.of();
            case "lv_kernel_major" -> r -> -1L;
            case "lv_kernel_minor" -> r -> -1L;
            case "lv_permissions" -> r -> !active(r) ? "unknown" : r.lv().status().contains("WRITE") ? "writeable"
                : "read-only";
            case "data_percent" -> LvFields::dataPercent;
            case "metadata_percent" -> LvFields::metadataPercent;
            case "lv_check_needed" -> r -> {
                PoolUsage.Pool p = pool(r) == null ? null : r.vg().usage().pool(r.lv());
                return p == null ? null : p.stats.needsCheck();
            };
            case "lv_attr" -> LvFields::attr;
            default -> throw new IllegalArgumentException("no field " + id);
        };
    }

    /**
     * lv_attr with the live characters: a pool is open while one of its thin LVs is active, its {@code _tdata} and
     * {@code _tmeta} are active and open while it is; {@code R} for a writable LV exported read-only.
     */
    private static String attr(LvRow r) {
        LiveState live = r.vg().live();
        String vg = r.vg().name();
        String parent = r.vg().poolOf(r.lv().name());
        LogicalVolume subject = parent == null ? r.lv() : r.vg().lv(parent);
        char state = parent == null ? live.state(vg, subject) : live.poolOpen(vg, subject) ? 'a' : '-';
        char open = parent != null ? state == 'a' ? 'o' : '-' : live.open(vg, subject);
        if (parent == null && pool(r) != null && state == 'a' && r.vg().vg().lvs().stream()
                .anyMatch(l -> l.segments().get(0) instanceof ThinSegment t && t.thinPool().equals(r.lv().name())
                        && live.state(vg, l) == 'a')) {
            open = 'o';
        }
        char[] a = LvKind.attr(r.vg(), r.lv(), state, open).toCharArray();
        if (parent == null && live.readOnly(vg, r.lv()) && a[1] == 'w') {
            a[1] = 'R';
        }
        if (parent == null && pool(r) != null && state == 'a') {
            a[8] = live.health(vg, r.lv());
        }
        return new String(a);
    }

    /** lvm writes ERROR_WHEN_FULL among an LV's flags; read it from its status too (lvm reads both). */
    private static boolean errorWhenFull(LogicalVolume lv) {
        return lv.flags().contains("ERROR_WHEN_FULL") || lv.status().contains("ERROR_WHEN_FULL");
    }

    private static boolean active(LvRow r) {
        return r.vg().live().state(r.vg().name(), r.lv()) == 'a';
    }

    static Percent metadataPercent(LvRow r) {
        Percent live = r.vg().live().metadataPercent(r.vg().name(), r.lv());
        if (live != null) {
            return live;
        }
        PoolUsage.Pool p = pool(r) == null ? null : r.vg().usage().pool(r.lv());
        return p == null ? null : Percent.of(p.stats.metadataUsed(), p.stats.metadataBlocks());
    }

    static Percent dataPercent(LvRow r) {
        Percent live = r.vg().live().dataPercent(r.vg().name(), r.lv());
        if (live != null) {
            return live;
        }
        if (pool(r) != null) {
            PoolUsage.Pool p = r.vg().usage().pool(r.lv());
            return p == null ? null : Percent.of(p.stats.dataUsed(), p.stats.dataBlocks());
        }
        ThinSegment t = thin(r);
        ThinPoolSegment ps = t == null ? null : LvKind.poolOf(r.vg(), r.lv());
        if (ps == null) {
            return null;
        }
        Long mapped = r.vg().live().mappedBlocks(r.vg().name(), t);
        if (mapped == null) {
            PoolUsage.Pool p = r.vg().usage().pool(r.vg().lv(t.thinPool()));
            mapped = p == null ? null : p.mapped.get(t.deviceId());
        }
        return mapped == null ? null
            : Percent.of(mapped * ps.chunkSize(), r.lv().extentCount() * r.vg().vg().extentSize());
    }

    static ThinPoolSegment pool(LvRow r) {
        return r.lv().segments().get(0) instanceof ThinPoolSegment p ? p : null;
    }

    static ThinSegment thin(LvRow r) {
        return r.lv().segments().get(0) instanceof ThinSegment t ? t : null;
    }

    private static String origin(LogicalVolume lv) {
        if (lv.segments().get(0) instanceof ThinSegment t) {
            return t.origin() != null ? t.origin() : t.externalOrigin();
        }
        return null;
    }

    private static List<String> ancestors(VgView vg, LogicalVolume lv) {
        List<String> out = new ArrayList<>();
        String o = origin(lv);
        while (o != null && !out.contains(o)) {
            out.add(o);
            LogicalVolume next = vg.lv(o);
            o = next == null ? null : origin(next);
        }
        return out;
    }

    private static List<String> descendants(VgView vg, String name) {
        List<String> out = new ArrayList<>();
        List<String> todo = new ArrayList<>(vg.snapshotsOf(name));
        while (!todo.isEmpty()) {
            String s = todo.remove(0);
            if (!out.contains(s)) {
                out.add(s);
                todo.addAll(vg.snapshotsOf(s));
            }
        }
        return out;
    }

    private static String uuid(VgView vg, String lvName) {
        LogicalVolume lv = lvName == null ? null : vg.lv(lvName);
        return lv == null ? "" : lv.id().formatted();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A name as device-mapper spells it: {@code -} doubled. */
    private static String dm(String name) {
        return name.replace("-", "--");
    }
}
