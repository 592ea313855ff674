package org.jlvm.cli.report.lvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.report.Shown;

/** The Logical Volume Segment fields of {@code lvs} rows (the row's segment, or the LV's first). */
final class SegFields {

    /** The fields {@link #bind} binds, in its order; each getter is made when a report first uses it. */
    private static final List<String> IDS = List.of(
        "segtype", "stripes", "data_stripes", "stripe_size", "region_size", "chunk_size", "thin_count", "discards",
        "zero", "transaction_id", "thin_id", "seg_start", "seg_start_pe", "seg_size", "seg_size_pe", "seg_tags",
        "seg_pe_ranges", "seg_le_ranges", "devices", "seg_metadata_le_ranges", "metadata_devices", "seg_monitor");

    private SegFields() {
    }

    static void bind(Map<String, Function<LvRow, Object>> g) {
        for (String id : IDS) {
            g.put(id, new LazyField<>(id, SegFields::field));
        }
    }

    /** The getter of {@code id} (linking all of them costs a new JVM about 10 ms; a report uses a few). */
    private static Function<LvRow, Object> field(String id) {
        return switch (id) {
            case "segtype" -> r -> r.seg() instanceof StripedSegment s
                ? (s.stripes().size() == 1 ? "linear" : "striped")
                : r.seg().type();
            case "stripes" -> r -> stripes(r.seg());
            case "data_stripes" -> r -> stripes(r.seg());
            case "stripe_size" -> r -> r.seg() instanceof StripedSegment s ? s.stripeSize() * 512 : 0L;
            case "region_size" -> r -> 0L;
            case "chunk_size" -> r -> r.seg() instanceof ThinPoolSegment p ? p.chunkSize() * 512 : 0L;
            case "thin_count" -> r -> r.seg() instanceof ThinPoolSegment
                ? (Object) r.vg().thinCount(r.lv().name()) : null;
            case "discards" -> r -> pool(r) == null ? "" : pool(r).discards();
            case "zero" -> r -> pool(r) == null ? null : pool(r).zeroNewBlocks();
            case "transaction_id" -> r -> r.seg() instanceof ThinPoolSegment p ? (Object) p.transactionId()
                : r.seg() instanceof ThinSegment t ? (Object) t.transactionId() : null;
            case "thin_id" -> r -> r.seg() instanceof ThinSegment t ? (Object) t.deviceId() : null;
            case "seg_start" -> r -> r.seg().startExtent() * r.vg().extentBytes();
            case "seg_start_pe" -> r -> r.seg().startExtent();
            case "seg_size" -> r -> r.seg().extentCount() * r.vg().extentBytes();
            case "seg_size_pe" -> r -> new Shown(Long.toString(r.seg().extentCount()),
                r.seg().extentCount() * r.vg().extentBytes());
            case "seg_tags" -> r -> List.of();
            case "seg_pe_ranges" -> r -> ranges(r, Form.PE);
            case "seg_le_ranges" -> r -> ranges(r, Form.LE);
            case "devices" -> r -> ranges(r, Form.DEVICES);
            case "seg_metadata_le_ranges" -> r -> List.of();
            case "metadata_devices" -> r -> List.of();
            case "seg_monitor" -> r -> "";
            default -> throw new IllegalArgumentException("no field " + id);
        };
    }

    private static long stripes(Segment s) {
        if (s instanceof StripedSegment st) {
            return st.stripes().size();
        }
        return s instanceof ThinPoolSegment ? 1 : 0;
    }

    /** The pool segment whose settings a pool or thin segment has, or null. */
    private static ThinPoolSegment pool(LvRow r) {
        if (r.seg() instanceof ThinPoolSegment p) {
            return p;
        }
        return r.seg() instanceof ThinSegment ? LvKind.poolOf(r.vg(), r.lv()) : null;
    }

    /** How an area is written: {@code PV:first-last}, the same with a hidden LV in brackets, {@code PV(first)}. */
    private enum Form { PE, LE, DEVICES }

    /** Each area of the row's segment in lvm's command-line format. */
    private static List<String> ranges(LvRow r, Form form) {
        List<String> out = new ArrayList<>();
        if (r.seg() instanceof StripedSegment s) {
            long per = s.extentCount() / s.stripes().size();
            for (StripedSegment.Stripe st : s.stripes()) {
                String pv = r.vg().pvPath(st.pvName());
                out.add(form == Form.DEVICES ? pv + "(" + st.startPe() + ")"
                    : pv + ":" + st.startPe() + "-" + (st.startPe() + per - 1));
            }
        } else if (r.seg() instanceof ThinPoolSegment p) {
            var data = r.vg().lv(p.poolLv());
            long n = data == null ? 0 : data.extentCount();
            String name = form == Form.LE && data != null && !data.isVisible() ? "[" + p.poolLv() + "]" : p.poolLv();
            out.add(form == Form.DEVICES ? name + "(0)" : name + ":0-" + (n - 1));
        }
        return out;
    }
}
