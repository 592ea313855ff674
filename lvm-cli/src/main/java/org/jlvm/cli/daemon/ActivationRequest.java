package org.jlvm.cli.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.vg.LvAttr;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;

/**
 * What the daemon needs to activate LVs, worked out by the command from the VG it holds locked, as lvm hands the
 * kernel device-mapper tables: where each device's bytes lie on the PV files ({@link Extent}s), and for thin pools
 * their settings and transaction id. The daemon never reads the VG metadata itself.
 *
 * <p>Fields: {@code pool=NAME\tCHUNK_SECTORS\tZERO\tDISCARDS\tERROR_WHEN_FULL\tTID} with its
 * {@code meta=POOL\tPATH\tOFFSET\tLENGTH} and {@code data=...} extents in order; {@code poollv=NAME} for a pool LV
 * activated itself; {@code thin=NAME\tPOOL\tDEVICE_ID\tSIZE\tRO}; {@code linear=NAME\tRO} with its
 * {@code extent=NAME\tPATH\tOFFSET\tLENGTH}s. Offsets and lengths in bytes.
 */
record ActivationRequest(String vg, Map<String, PoolTable> pools, List<String> poolLvs, List<ThinTable> thins,
        Map<String, LinearTable> linears) {

    /** {@code length} bytes at {@code offset} of the PV file {@code path}. */
    record Extent(String path, long offset, long length) {
    }

    record PoolTable(String name, long chunkSectors, boolean zero, String discards, boolean errorWhenFull, long tid,
            List<Extent> meta, List<Extent> data) {
    }

    record ThinTable(String name, String pool, long deviceId, long size, boolean readOnly) {
    }

    record LinearTable(String name, boolean readOnly, List<Extent> extents) {
    }

    /** The request for {@code names} of the session's VG; {@code readOnly} ones export read-only. */
    static ActivationRequest of(VgSession s, List<String> names, Set<String> readOnly) {
        VolumeGroup vg = s.vg();
        Map<String, PoolTable> pools = new LinkedHashMap<>();
        List<String> poolLvs = new ArrayList<>();
        List<ThinTable> thins = new ArrayList<>();
        Map<String, LinearTable> linears = new LinkedHashMap<>();
        for (String n : names) {
            LogicalVolume lv = s.lv(n);
            switch (LvAttr.role(vg, lv)) {
                case THIN_POOL -> {
                    pools.put(n, pool(s, lv));
                    poolLvs.add(n);
                }
                case THIN -> {
                    ThinSegment t = ThinPools.thinSegment(lv);
                    pools.computeIfAbsent(t.thinPool(), p -> pool(s, s.lv(p)));
                    thins.add(new ThinTable(n, t.thinPool(), t.deviceId(), lv.extentCount() * vg.extentSize() * 512,
                            readOnly.contains(n)));
                }
                case PLAIN -> linears.put(n, new LinearTable(n, readOnly.contains(n), extents(s, lv)));
                default -> throw LvmError.failed("Operation not permitted on hidden LV " + vg.name() + "/" + n + ".");
            }
        }
        return new ActivationRequest(vg.name(), pools, poolLvs, thins, linears);
    }

    private static PoolTable pool(VgSession s, LogicalVolume lv) {
        ThinPoolSegment p = ThinPools.poolSegment(lv);
        return new PoolTable(lv.name(), p.chunkSize(), p.zeroNewBlocks(), p.discards(),
                (lv.flags().contains(ActivePool.ERROR_WHEN_FULL) || lv.status().contains(ActivePool.ERROR_WHEN_FULL)), p.transactionId(),
                extents(s, s.lv(p.metadataLv())), extents(s, s.lv(p.poolLv())));
    }

    /** A linear LV's bytes on the PV files, segment by segment. */
    private static List<Extent> extents(VgSession s, LogicalVolume lv) {
        List<Extent> out = new ArrayList<>();
        for (VgSession.Piece p : s.pieces(lv)) {
            out.add(new Extent(s.pathOf(p.pv().name()), p.offset(), p.length()));
        }
        return out;
    }

    ControlMessage encode() {
        return encode(ControlProtocol.ACTIVATE);
    }

    /** The request as {@code verb} ({@link ControlProtocol#ACTIVATE} or {@link ControlProtocol#RELOAD}). */
    ControlMessage encode(String verb) {
        ControlMessage.Builder b = ControlMessage.of(verb).put("vg", vg);
        for (PoolTable p : pools.values()) {
            b.put("pool", tab(p.name(), p.chunkSectors(), bit(p.zero()), p.discards(), bit(p.errorWhenFull()), p.tid()));
            p.meta().forEach(e -> b.put("meta", tab(p.name(), e.path(), e.offset(), e.length())));
            p.data().forEach(e -> b.put("data", tab(p.name(), e.path(), e.offset(), e.length())));
        }
        poolLvs.forEach(n -> b.put("poollv", n));
        thins.forEach(t -> b.put("thin", tab(t.name(), t.pool(), t.deviceId(), t.size(), bit(t.readOnly()))));
        for (LinearTable l : linears.values()) {
            b.put("linear", tab(l.name(), bit(l.readOnly())));
            l.extents().forEach(e -> b.put("extent", tab(l.name(), e.path(), e.offset(), e.length())));
        }
        return b.build();
    }

    static ActivationRequest decode(ControlMessage m) throws ControlMessage.ProtocolException {
        try {
            Map<String, List<Extent>> meta = extentsByName(m.all("meta"));
            Map<String, List<Extent>> data = extentsByName(m.all("data"));
            Map<String, List<Extent>> linearExtents = extentsByName(m.all("extent"));
            Map<String, PoolTable> pools = new LinkedHashMap<>();
            for (String v : m.all("pool")) {
                String[] f = v.split("\t", -1);
                pools.put(f[0], new PoolTable(f[0], Long.parseLong(f[1]), f[2].equals("1"), f[3], f[4].equals("1"),
                        Long.parseLong(f[5]), meta.getOrDefault(f[0], List.of()), data.getOrDefault(f[0], List.of())));
            }
            List<ThinTable> thins = new ArrayList<>();
            for (String v : m.all("thin")) {
                String[] f = v.split("\t", -1);
                thins.add(new ThinTable(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), f[4].equals("1")));
            }
            Map<String, LinearTable> linears = new LinkedHashMap<>();
            for (String v : m.all("linear")) {
                String[] f = v.split("\t", -1);
                linears.put(f[0], new LinearTable(f[0], f[1].equals("1"), linearExtents.getOrDefault(f[0], List.of())));
            }
            return new ActivationRequest(m.require("vg"), pools, m.all("poollv"), thins, linears);
        } catch (RuntimeException e) {
            throw new ControlMessage.ProtocolException("malformed activate request: " + e);
        }
    }

    private static Map<String, List<Extent>> extentsByName(List<String> values) {
        Map<String, List<Extent>> out = new LinkedHashMap<>();
        for (String v : values) {
            String[] f = v.split("\t", -1);
            out.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new Extent(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
        }
        return out;
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static String tab(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            String s = String.valueOf(p);
            if (s.indexOf('\t') >= 0) {
                throw new IllegalArgumentException("'" + s + "' holds a tab");
            }
            b.append(b.length() == 0 ? "" : "\t").append(s);
        }
        return b.toString();
    }
}
