package org.jlvm.cli.lvm.vg;

import static org.jlvm.cli.lvm.vg.ReportField.Kind.NUMBER;
import static org.jlvm.cli.lvm.vg.ReportField.Kind.PERCENT;
import static org.jlvm.cli.lvm.vg.ReportField.Kind.SIZE;
import static org.jlvm.cli.lvm.vg.ReportField.Kind.TEXT;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.meta.PoolMetadata;
import org.jlvm.thin.meta.PoolStats;

/** The fields jlvm's lvs, vgs and pvs know, and the rows they show. */
public final class Reports {
    public static final ReportField.Catalog LV = ReportField.Catalog.of("lv_", List.of(
            new ReportField("lv_name", "LV", TEXT), new ReportField("vg_name", "VG", TEXT),
            new ReportField("lv_attr", "Attr", TEXT), new ReportField("lv_size", "LSize", SIZE),
            new ReportField("pool_lv", "Pool", TEXT), new ReportField("origin", "Origin", TEXT),
            new ReportField("data_percent", "Data%", PERCENT), new ReportField("metadata_percent", "Meta%", PERCENT),
            new ReportField("move_pv", "Move", TEXT), new ReportField("mirror_log", "Log", TEXT),
            new ReportField("copy_percent", "Cpy%Sync", PERCENT), new ReportField("convert_lv", "Convert", TEXT),
            new ReportField("thin_id", "ThId", NUMBER), new ReportField("transaction_id", "TransId", NUMBER),
            new ReportField("seg_pe_ranges", "PE Ranges", TEXT), new ReportField("devices", "Devices", TEXT),
            new ReportField("lv_uuid", "LV UUID", TEXT), new ReportField("chunk_size", "Chunk", SIZE),
            new ReportField("discards", "Discards", TEXT), new ReportField("zero", "Zero", TEXT),
            new ReportField("data_lv", "Data", TEXT), new ReportField("metadata_lv", "Meta", TEXT),
            new ReportField("lv_metadata_size", "MSize", SIZE), new ReportField("seg_count", "#Seg", NUMBER),
            new ReportField("thin_count", "#Thins", NUMBER), new ReportField("lv_skip_activation", "SkipAct", TEXT),
            new ReportField("nbd_uri", "NBD URI", TEXT)),
            List.of("lv_name", "vg_name", "lv_attr", "lv_size", "pool_lv", "origin", "data_percent",
                    "metadata_percent", "move_pv", "mirror_log", "copy_percent", "convert_lv"));

    public static final ReportField.Catalog VG = ReportField.Catalog.of("vg_", List.of(
            new ReportField("vg_name", "VG", TEXT), new ReportField("pv_count", "#PV", NUMBER),
            new ReportField("lv_count", "#LV", NUMBER), new ReportField("snap_count", "#SN", NUMBER),
            new ReportField("vg_attr", "Attr", TEXT), new ReportField("vg_size", "VSize", SIZE),
            new ReportField("vg_free", "VFree", SIZE), new ReportField("vg_uuid", "VG UUID", TEXT),
            new ReportField("vg_extent_size", "Ext", SIZE), new ReportField("vg_extent_count", "#Ext", NUMBER),
            new ReportField("vg_free_count", "Free", NUMBER), new ReportField("vg_seqno", "Seq", NUMBER)),
            List.of("vg_name", "pv_count", "lv_count", "snap_count", "vg_attr", "vg_size", "vg_free"));

    public static final ReportField.Catalog PV = ReportField.Catalog.of("pv_", List.of(
            new ReportField("pv_name", "PV", TEXT), new ReportField("vg_name", "VG", TEXT),
            new ReportField("pv_fmt", "Fmt", TEXT), new ReportField("pv_attr", "Attr", TEXT),
            new ReportField("pv_size", "PSize", SIZE), new ReportField("pv_free", "PFree", SIZE),
            new ReportField("pv_uuid", "PV UUID", TEXT), new ReportField("pe_start", "1st PE", SIZE),
            new ReportField("pv_pe_count", "PE", NUMBER), new ReportField("pv_pe_alloc_count", "Alloc", NUMBER),
            new ReportField("dev_size", "DevSize", SIZE)),
            List.of("pv_name", "vg_name", "pv_fmt", "pv_attr", "pv_size", "pv_free"));

    private Reports() {
    }

    /** One row per LV ({@code all}: hidden ones too, in brackets), one per segment when a segment field is shown. */
    public static List<Map<String, Object>> lvRows(VgSession s, List<String> only, boolean all, boolean perSegment)
            throws IOException {
        VolumeGroup vg = s.vg();
        List<LogicalVolume> lvs = new ArrayList<>();
        for (LogicalVolume lv : vg.lvs()) {
            if (only.isEmpty() ? (all || lv.isVisible()) : only.contains(lv.name())) {
                lvs.add(lv);
            }
        }
        lvs.sort(Comparator.comparing(LogicalVolume::name));
        Map<String, PoolStats> poolStats = new LinkedHashMap<>();
        Map<String, Long> mapped = new LinkedHashMap<>();
        ActivePools.VgActivity live = s.activity();
        for (LogicalVolume lv : vg.lvs()) {
            if (ThinPools.poolSegment(lv) == null) {
                continue;
            }
            ActivePools.PoolActivity active = live.pools().get(lv.name());
            if (active != null) {
                // an active pool's metadata is the daemon's: its live status, never the disk
                poolStats.put(lv.name(), new PoolStats(active.transactionId(), 0, 0, active.metadataBlocks(),
                        active.metadataUsed(), active.dataBlocks(), active.dataUsed(), 0, false));
                for (LogicalVolume thin : ThinPools.thinsOf(vg, lv.name())) {
                    Long m = active.mappedBlocks().get(ThinPools.thinSegment(thin).deviceId());
                    if (m != null) {
                        mapped.put(thin.name(), m);
                    }
                }
                continue;
            }
            try (PoolMetadata pm = ThinPools.open(s, lv, true)) {
                poolStats.put(lv.name(), pm.stats());
                for (LogicalVolume thin : ThinPools.thinsOf(vg, lv.name())) {
                    long dev = ThinPools.thinSegment(thin).deviceId();
                    if (pm.devices().contains(dev)) {
                        DeviceDetails d = pm.details(dev);
                        mapped.put(thin.name(), d.mappedBlocks());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable pool metadata: Data%/Meta% stay blank, as for a pool lvm cannot query
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long extentBytes = vg.extentSize() * 512;
        for (LogicalVolume lv : lvs) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("lv_name", lv.isVisible() ? lv.name() : "[" + lv.name() + "]");
            r.put("vg_name", vg.name());
            r.put("lv_attr", LvAttr.withActivity(LvAttr.lvAttr(vg, lv), vg, lv, live));
            ActivePools.LvActivity act = live.lvs().get(lv.name());
            r.put("nbd_uri", act == null ? "" : act.nbdUri());
            r.put("lv_size", lv.extentCount() * extentBytes);
            r.put("lv_uuid", lv.id().formatted());
            r.put("seg_count", (long) lv.segments().size());
            r.put("chunk_size", 0L);
            r.put("lv_skip_activation", lv.flags().contains("ACTIVATION_SKIP") ? "skip activation" : "");
            ThinPoolSegment p = ThinPools.poolSegment(lv);
            ThinSegment t = ThinPools.thinSegment(lv);
            if (p != null) {
                r.put("transaction_id", p.transactionId());
                r.put("chunk_size", p.chunkSize() * 512);
                r.put("discards", p.discards());
                r.put("zero", p.zeroNewBlocks() ? "zero" : "");
                r.put("data_lv", "[" + p.poolLv() + "]");
                r.put("metadata_lv", "[" + p.metadataLv() + "]");
                r.put("lv_metadata_size", vg.lv(p.metadataLv()).map(m -> m.extentCount() * extentBytes).orElse(null));
                r.put("thin_count", (long) ThinPools.thinsOf(vg, lv.name()).size());
                PoolStats st = poolStats.get(lv.name());
                if (st != null) {
                    r.put("data_percent", Units.percent(st.dataUsed(), st.dataBlocks()));
                    r.put("metadata_percent", Units.percent(st.metadataUsed(), st.metadataBlocks()));
                }
            }
            if (t != null) {
                r.put("pool_lv", t.thinPool());
                r.put("origin", t.origin() != null ? t.origin() : t.externalOrigin());
                r.put("thin_id", t.deviceId());
                r.put("transaction_id", t.transactionId());
                ThinPoolSegment pool = vg.lv(t.thinPool()).map(ThinPools::poolSegment).orElse(null);
                Long m = mapped.get(lv.name());
                if (pool != null && m != null) {
                    r.put("data_percent", Units.percent(m * pool.chunkSize(), lv.extentCount() * vg.extentSize()));
                }
                if (pool != null) {
                    r.put("discards", pool.discards());
                    r.put("zero", pool.zeroNewBlocks() ? "zero" : "");
                }
            }
            if (!perSegment) {
                r.put("seg_pe_ranges", String.join(" ", lv.segments().stream().map(x -> peRanges(s, x)).toList()));
                r.put("devices", String.join(",", lv.segments().stream().map(x -> devices(s, x)).toList()));
                rows.add(r);
            } else {
                for (Segment seg : lv.segments()) {
                    Map<String, Object> sr = new LinkedHashMap<>(r);
                    sr.put("seg_pe_ranges", peRanges(s, seg));
                    sr.put("devices", devices(s, seg));
                    rows.add(sr);
                }
            }
        }
        return rows;
    }

    private static String peRanges(VgSession s, Segment seg) {
        if (seg instanceof StripedSegment st) {
            long per = st.extentCount() / st.stripes().size();
            return String.join(" ", st.stripes().stream()
                    .map(x -> s.pathOf(x.pvName()) + ":" + x.startPe() + "-" + (x.startPe() + per - 1)).toList());
        }
        if (seg instanceof ThinPoolSegment p) {
            return p.poolLv() + ":0-" + (p.extentCount() - 1);
        }
        return "";
    }

    private static String devices(VgSession s, Segment seg) {
        if (seg instanceof StripedSegment st) {
            return String.join(",", st.stripes().stream().map(x -> s.pathOf(x.pvName()) + "(" + x.startPe() + ")")
                    .toList());
        }
        if (seg instanceof ThinPoolSegment p) {
            return p.poolLv() + "(0)";
        }
        return "";
    }

    public static Map<String, Object> vgRow(VolumeGroupScan.Found found) {
        VolumeGroup vg = found.metadata().vg();
        long extentBytes = vg.extentSize() * 512;
        long total = vg.pvs().stream().mapToLong(PhysicalVolume::peCount).sum();
        long free = new Allocator(vg).freeExtents();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("vg_name", vg.name());
        r.put("pv_count", (long) vg.pvs().size());
        r.put("lv_count", vg.lvs().stream().filter(LogicalVolume::isVisible).count());
        r.put("snap_count", 0L);
        r.put("vg_attr", LvAttr.vgAttr(vg, !found.missing().isEmpty()));
        r.put("vg_size", total * extentBytes);
        r.put("vg_free", free * extentBytes);
        r.put("vg_uuid", vg.id().formatted());
        r.put("vg_extent_size", extentBytes);
        r.put("vg_extent_count", total);
        r.put("vg_free_count", free);
        r.put("vg_seqno", vg.seqno());
        return r;
    }

    /** A PV row: {@code found} is its VG, or null for an orphan. */
    public static Map<String, Object> pvRow(String path, PhysicalVolumeFile file, VolumeGroupScan.Found found) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("pv_name", path);
        r.put("pv_fmt", "lvm2");
        r.put("pv_uuid", file.label().pvUuid().formatted());
        r.put("dev_size", file.label().deviceSize());
        r.put("pe_start", file.label().peStartBytes());
        if (found == null) {
            r.put("vg_name", "");
            r.put("pv_attr", "---");
            r.put("pv_size", file.label().deviceSize());
            r.put("pv_free", file.label().deviceSize());
            r.put("pv_pe_count", 0L);
            r.put("pv_pe_alloc_count", 0L);
            return r;
        }
        VolumeGroup vg = found.metadata().vg();
        PhysicalVolume pv = vg.pvs().stream().filter(p -> p.id().equals(file.label().pvUuid())).findFirst().orElseThrow();
        long extentBytes = vg.extentSize() * 512;
        long free = new Allocator(vg).freeExtents(pv.name());
        r.put("vg_name", vg.name());
        r.put("pv_attr", (pv.status().contains("ALLOCATABLE") ? "a" : "-") + (vg.status().contains("EXPORTED") ? "x" : "-")
                + "-");
        r.put("pv_size", pv.peCount() * extentBytes);
        r.put("pv_free", free * extentBytes);
        r.put("pv_pe_count", pv.peCount());
        r.put("pv_pe_alloc_count", pv.peCount() - free);
        return r;
    }
}
