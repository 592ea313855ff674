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

    private SegFields() {
    }

    static void bind(Map<String, Function<LvRow, Object>> g) {
        g.put("segtype", r -> r.seg() instanceof StripedSegment s ? (s.stripes().size() == 1 ? "linear" : "striped")
            : r.seg().type());
        g.put("stripes", r -> stripes(r.seg()));
        g.put("data_stripes", r -> stripes(r.seg()));
        g.put("stripe_size", r -> r.seg() instanceof StripedSegment s ? s.stripeSize() * 512 : 0L);
        g.put("region_size", r -> 0L);
        g.put("chunk_size", r -> r.seg() instanceof ThinPoolSegment p ? p.chunkSize() * 512 : 0L);
        g.put("thin_count", r -> r.seg() instanceof ThinPoolSegment ? (Object) r.vg().thinCount(r.lv().name()) : null);
        g.put("discards", r -> pool(r) == null ? "" : pool(r).discards());
        g.put("zero", r -> pool(r) == null ? null : pool(r).zeroNewBlocks());
        g.put("transaction_id", r -> r.seg() instanceof ThinPoolSegment p ? (Object) p.transactionId()
            : r.seg() instanceof ThinSegment t ? (Object) t.transactionId() : null);
        g.put("thin_id", r -> r.seg() instanceof ThinSegment t ? (Object) t.deviceId() : null);
        g.put("seg_start", r -> r.seg().startExtent() * r.vg().extentBytes());
        g.put("seg_start_pe", r -> r.seg().startExtent());
        g.put("seg_size", r -> r.seg().extentCount() * r.vg().extentBytes());
        g.put("seg_size_pe", r -> new Shown(Long.toString(r.seg().extentCount()),
            r.seg().extentCount() * r.vg().extentBytes()));
        g.put("seg_tags", r -> List.of());
        g.put("seg_pe_ranges", r -> ranges(r, Form.PE));
        g.put("seg_le_ranges", r -> ranges(r, Form.LE));
        g.put("devices", r -> ranges(r, Form.DEVICES));
        g.put("seg_metadata_le_ranges", r -> List.of());
        g.put("metadata_devices", r -> List.of());
        g.put("seg_monitor", r -> "");
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
