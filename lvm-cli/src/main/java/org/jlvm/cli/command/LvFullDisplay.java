package org.jlvm.cli.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.report.lvm.LvFigures;

/**
 * lvm's lvdisplay_full (and colon) layouts ("LV Status NOT available", or "available" and "# open" for an LV the
 * daemon holds active, with jlvm's "LV NBD URI" line for an exported one). jlvm adds the pool's
 * "Allocated pool data"/"Allocated metadata" and a thin LV's "Mapped size", read from the pool metadata as lvs'
 * Data%/Meta% are (lvm shows them for active LVs only).
 */
final class LvFullDisplay {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ENGLISH);

    private LvFullDisplay() {
    }

    /** {@code row}: the LV's Data%, Meta% and live state as lvs shows them. */
    static List<String> full(VolumeGroup vg, LogicalVolume lv, LvFigures row) {
        List<String> out = new ArrayList<>();
        ThinPoolSegment pool = ThinPools.poolSegment(lv);
        ThinSegment thin = ThinPools.thinSegment(lv);
        out.add("--- Logical volume ---");
        if (lv.isVisible()) {
            if (pool == null) {
                out.add("LV Path                /dev/" + vg.name() + "/" + lv.name());
            }
            out.add("LV Name                " + lv.name());
        } else {
            out.add("Internal LV Name       " + lv.name());
        }
        out.add("VG Name                " + vg.name());
        out.add("LV UUID                " + lv.id().formatted());
        out.add("LV Write Access        " + (lv.status().contains("WRITE") ? "read/write" : "read only"));
        String host = lv.creationHost() == null ? "" : lv.creationHost();
        String time = lv.creationTime() == 0 ? ""
                : TIME.format(Instant.ofEpochSecond(lv.creationTime()).atZone(ZoneId.systemDefault()));
        out.add("LV Creation host, time " + host + ", " + time);
        if (thin != null) {
            out.add("LV Pool name           " + thin.thinPool());
            if (thin.origin() != null) {
                out.add("LV Thin origin name    " + thin.origin());
            }
            if (thin.externalOrigin() != null) {
                out.add("LV External origin name " + thin.externalOrigin());
            }
        } else if (pool != null) {
            out.add("LV Pool metadata       " + pool.metadataLv());
            out.add("LV Pool data           " + pool.poolLv());
        }
        if (row.active()) {
            out.add("LV Status              available");
            out.add("# open                 " + row.open());
            if (!row.nbdUri().isEmpty()) {
                out.add("LV NBD URI             " + row.nbdUri());
            }
        } else {
            out.add("LV Status              NOT available");
        }
        out.add("LV Size                " + Display.size(lv.extentCount() * vg.extentSize()));
        String data = row.dataPercent();
        if (pool != null && data != null) {
            out.add("Allocated pool data    " + data + "%");
            out.add("Allocated metadata     " + row.metadataPercent() + "%");
        }
        if (thin != null && data != null) {
            out.add("Mapped size            " + data + "%");
        }
        out.add("Current LE             " + lv.extentCount());
        out.add("Segments               " + lv.segments().size());
        out.add("Allocation             " + (lv.allocationPolicy() == null ? "inherit" : lv.allocationPolicy()));
        out.add("Read ahead sectors     " + (lv.readAhead() == null ? "auto" : lv.readAhead().toString()));
        out.add(" ");
        return out;
    }

    /** lvm's lvdisplay_colons for an inactive LV. */
    static String colons(VolumeGroup vg, LogicalVolume lv) {
        int access = (lv.status().contains("READ") ? 1 : 0) | (lv.status().contains("WRITE") ? 2 : 0);
        long readAhead = lv.readAhead() == null ? -1 : lv.readAhead();
        int contiguous = "contiguous".equals(lv.allocationPolicy()) ? 2 : 0;
        return "/dev/" + vg.name() + "/" + lv.name() + ":" + vg.name() + ":" + access + ":0:-1:0:"
                + lv.extentCount() * vg.extentSize() + ":" + lv.extentCount() + ":-1:" + contiguous + ":" + readAhead
                + ":-1:-1";
    }
}
