package org.jlvm.cli.lvm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.junit.jupiter.api.Test;

/** Seeded random VG models: print in both layouts, parse, get the same model (and the same text again). */
class VgTextModelRoundTripTest {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+.-";

    @Test
    void randomModelsSurvivePrintAndParse() throws Exception {
        long seed = System.nanoTime();
        System.out.println("VgTextModelRoundTripTest seed=" + seed);
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            VgText original = new VgText(header(r), vg(r));
            for (TextLayout layout : TextLayout.values()) {
                VgTextPrinter printer = new VgTextPrinter(layout, ZoneOffset.UTC);
                String text = printer.print(original);
                VgText parsed = VgTextReader.read(text);
                assertEquals(original, parsed, "seed " + seed + " case " + i + " " + layout + "\n" + text);
                assertEquals(text, printer.print(parsed), "seed " + seed + " case " + i);
            }
        }
    }

    private static TextHeader header(Random r) {
        return new TextHeader(TextHeader.LVM2_GENERATOR, "Write from lvcreate -n \"x\" back\\slash " + word(r) + ".",
                word(r), "Linux " + word(r) + " 6.1 #1 SMP x86_64", 1_600_000_000L + r.nextInt(300_000_000));
    }

    private static VolumeGroup vg(Random r) {
        long extent = 1L << (3 + r.nextInt(12));
        List<PhysicalVolume> pvs = new ArrayList<>();
        int nPv = 1 + r.nextInt(4);
        for (int i = 0; i < nPv; i++) {
            boolean devId = r.nextInt(4) == 0;
            boolean ba = r.nextBoolean();
            pvs.add(new PhysicalVolume("pv" + i, LvmUuid.random(r), "/dev/" + word(r), devId ? "sys_wwid" : null,
                    devId ? "naa." + r.nextInt(1000) : null, List.of("ALLOCATABLE"), List.of(), tags(r),
                    1 + r.nextInt(1 << 30), 2048, r.nextInt(100_000), ba ? 2048 : 0, ba ? 4096 : 0));
        }
        List<LogicalVolume> lvs = new ArrayList<>();
        int nLinear = r.nextInt(4);
        for (int i = 0; i < nLinear; i++) {
            lvs.add(lv(r, "lv" + i, true, stripedSegments(r, nPv)));
        }
        if (r.nextBoolean()) {
            lvs.add(lv(r, "pool0_tmeta", false, stripedSegments(r, nPv)));
            lvs.add(lv(r, "pool0_tdata", false, stripedSegments(r, nPv)));
            List<ThinPoolSegment.Message> messages = new ArrayList<>();
            for (int m = r.nextInt(3); m > 0; m--) {
                messages.add(r.nextBoolean() ? new ThinPoolSegment.Message("thin0", null)
                        : new ThinPoolSegment.Message(null, (long) r.nextInt(100)));
            }
            lvs.add(lv(r, "pool0", true, List.of(new ThinPoolSegment(0, 1 + r.nextInt(100), "pool0_tmeta",
                    "pool0_tdata", r.nextInt(50), 128L << r.nextInt(8),
                    List.of("ignore", "nopassdown", "passdown").get(r.nextInt(3)), r.nextBoolean(),
                    r.nextBoolean() ? null : r.nextInt(2), messages))));
            lvs.add(lv(r, "thin0", true, List.of(new ThinSegment(0, 1 + r.nextInt(1000), "pool0", r.nextInt(9), 1,
                    null, null, null))));
            lvs.add(lv(r, "snap0", true, List.of(new ThinSegment(0, 1 + r.nextInt(1000), "pool0", r.nextInt(9), 2,
                    "thin0", null, r.nextBoolean() ? "thin0" : null))));
            if (nLinear > 0) {
                lvs.add(lv(r, "ext0", true, List.of(new ThinSegment(0, 5, "pool0", 3, 3, null, "lv0", null))));
            }
        }
        // lvm2 writes visible LVs first: keep the model in that order so it survives the round trip
        List<LogicalVolume> ordered = new ArrayList<>(lvs.stream().filter(LogicalVolume::isVisible).toList());
        ordered.addAll(lvs.stream().filter(l -> !l.isVisible()).toList());
        return new VolumeGroup(word(r), LvmUuid.random(r), 1 + r.nextInt(1000), "lvm2",
                List.of("RESIZEABLE", "READ", "WRITE"), r.nextBoolean() ? List.of() : List.of("NOAUTOACTIVATE"),
                tags(r), r.nextBoolean() ? null : word(r), extent, r.nextInt(3), r.nextInt(3),
                r.nextBoolean() ? null : "contiguous", r.nextBoolean() ? null : "thin-performance", r.nextInt(3), pvs,
                ordered);
    }

    private static LogicalVolume lv(Random r, String name, boolean visible, List<Segment> segments) {
        List<String> status = visible ? List.of("READ", "WRITE", "VISIBLE") : List.of("READ", "WRITE");
        long time = r.nextInt(3) == 0 ? 0 : 1_700_000_000L + r.nextInt(1000);
        Long readAhead = switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> -1L;
            default -> (long) r.nextInt(4096);
        };
        return new LogicalVolume(name, LvmUuid.random(r), status, r.nextBoolean() ? List.of() : List.of("ACTIVATION_SKIP"),
                tags(r), time, time == 0 ? null : word(r), r.nextBoolean() ? null : "cling", readAhead, segments);
    }

    private static List<Segment> stripedSegments(Random r, int nPv) {
        List<Segment> segs = new ArrayList<>();
        long start = 0;
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            int stripes = 1 + r.nextInt(nPv);
            long count = stripes * (1L + r.nextInt(50));
            List<StripedSegment.Stripe> list = new ArrayList<>();
            for (int s = 0; s < stripes; s++) {
                list.add(new StripedSegment.Stripe("pv" + s, r.nextInt(10_000)));
            }
            segs.add(new StripedSegment(start, count, stripes == 1 ? 0 : 8L << r.nextInt(10), list));
            start += count;
        }
        return segs;
    }

    private static List<String> tags(Random r) {
        List<String> t = new ArrayList<>();
        for (int n = r.nextInt(3); n > 0; n--) {
            t.add(word(r));
        }
        return t;
    }

    private static String word(Random r) {
        StringBuilder b = new StringBuilder();
        b.append((char) ('a' + r.nextInt(26)));
        for (int n = r.nextInt(12); n > 0; n--) {
            b.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
        }
        return b.toString();
    }
}
