package org.jlvm.cli.command;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;

/**
 * lvm's {@code lvdisplay -m} section of one LV (lvdisplay_segments): each segment's extents, type and what its
 * type shows (PV and physical extents of a linear area, a pool's settings, a thin LV's device id), as lvm2 prints
 * them with activation off (an empty {@code Monitoring} value). Lines without lvm's two-space indent.
 */
final class LvSegmentsDisplay {
    private LvSegmentsDisplay() {
    }

    static List<String> lines(VgSession s, LogicalVolume lv) {
        List<String> out = new ArrayList<>();
        out.add("--- Segments ---");
        for (Segment seg : lv.segments()) {
            boolean thin = seg instanceof ThinSegment;
            out.add((thin ? "Virtual" : "Logical") + " extents " + seg.startExtent() + " to "
                    + (seg.startExtent() + seg.extentCount() - 1) + ":");
            if (seg instanceof StripedSegment st) {
                out.add("  Type\t\t" + (st.stripes().size() == 1 ? "linear" : "striped"));
                for (StripedSegment.Stripe x : st.stripes()) {
                    long per = st.extentCount() / st.stripes().size();
                    out.add("  Physical volume\t" + s.pathOf(x.pvName()));
                    out.add("  Physical extents\t" + x.startPe() + " to " + (x.startPe() + per - 1));
                }
            } else if (seg instanceof ThinPoolSegment p) {
                long thins = s.vg().lvs().stream().map(ThinPools::thinSegment)
                        .filter(t -> t != null && t.thinPool().equals(lv.name())).count();
                out.add("  Type\t\tthin-pool");
                out.add("  Monitoring\t\t");
                out.add("  Chunk size\t\t" + Display.size(p.chunkSize()));
                out.add("  Discards\t\t" + p.discards());
                out.add("  Thin count\t\t" + thins);
                out.add("  Transaction ID\t" + p.transactionId());
                out.add("  Zero new blocks\t" + (p.zeroNewBlocks() ? "yes" : "no"));
            } else if (seg instanceof ThinSegment t) {
                out.add("  Type\t\tthin");
                out.add("  Device ID\t\t" + t.deviceId());
            }
            out.add(" ");
        }
        out.add(" ");
        return out;
    }
}
