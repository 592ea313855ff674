package org.jlvm.cli.report.lvm;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.cli.report.Percent;

/**
 * What the display verbs show of an LV beyond its metadata, from the same values as {@code lvs}: Data% and Meta%
 * (the pool metadata, or the daemon's live figures), whether it is active, how many hold it open, its NBD URI.
 *
 * @param dataPercent     {@code data_percent} ({@code 3.12}), or null when unknown
 * @param metadataPercent {@code metadata_percent}, or null
 */
public record LvFigures(String dataPercent, String metadataPercent, boolean active, int open, String nbdUri) {

    /** The figures of every LV of the session's VG, by LV UUID ({@code live}: what is active). */
    public static Map<String, LvFigures> of(VgSession s, LiveState live) throws IOException {
        VgView view = new VgView(s.vg(), s.files(), 0, s::pathOf, new PoolUsage(pool -> s.lvDevice(
                s.lv(((ThinPoolSegment) pool.segments().get(0)).metadataLv()))), live);
        Map<String, LvFigures> out = new LinkedHashMap<>();
        for (LogicalVolume lv : s.vg().lvs()) {
            LvRow r = new LvRow(view, lv, null);
            out.put(lv.id().formatted(), new LvFigures(text(LvFields.dataPercent(r)), text(LvFields.metadataPercent(r)),
                    live.state(view.name(), lv) == 'a', live.openCount(view.name(), lv), live.nbdUri(view.name(), lv)));
        }
        return out;
    }

    /** An LV nothing is known of (not in the map). */
    public static final LvFigures NONE = new LvFigures(null, null, false, 0, "");

    private static String text(Percent p) {
        return p == null ? null : p.text();
    }
}
