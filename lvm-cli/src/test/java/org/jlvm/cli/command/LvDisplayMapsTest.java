package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.RealLvm2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lvdisplay -m [-a]}: the "--- Segments ---" sections (linear areas on two PVs, a thin pool, thin LVs and a
 * snapshot, the hidden sub-LVs) are what the real lvm2 prints on read-only loop devices of the same PV files.
 */
class LvDisplayMapsTest {
    @TempDir
    Path tmp;

    @Test
    void segmentsAreWhatTheRealLvm2Prints() throws Exception {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        Path pv0 = tmp.resolve("pv0.img");
        Path pv1 = tmp.resolve("pv1.img");
        j.ok("pvcreate", "--size", "64m", pv0.toString());
        j.ok("pvcreate", "--size", "64m", pv1.toString());
        j.ok("vgcreate", "vg0", pv0.toString(), pv1.toString());
        j.ok("lvcreate", "--type", "thin-pool", "-L", "40m", "-c", "128k", "-Z", "n", "--discards", "nopassdown",
                "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "100m", "-T", "vg0/pool0", "-n", "thin1");
        j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
        j.ok("lvcreate", "-L", "60m", "-n", "lin", "vg0"); // spans both PVs
        for (List<String> args : List.of(List.of("-m", "vg0"), List.of("-m", "-a", "vg0"))) {
            List<String> cmd = new ArrayList<>(List.of("lvdisplay"));
            cmd.addAll(args);
            List<String> ours = segments(j.ok(cmd.toArray(String[]::new)).out());
            try (RealLvm2.Loop l0 = RealLvm2.Loop.attach(pv0, true);
                    RealLvm2.Loop l1 = RealLvm2.Loop.attach(pv1, true)) {
                RealLvm2.Result r = new RealLvm2(List.of(l0.device, l1.device), tmp).lvm("lvdisplay",
                        args.toArray(String[]::new));
                assertEquals(0, r.rc(), r.toString());
                List<String> real = segments(r.out().replace(l0.device, pv0.toString())
                        .replace(l1.device, pv1.toString()));
                assertTrue(real.size() > 20, real.toString());
                assertEquals(real, ours, String.join(" ", args));
            }
        }
    }

    /** The lines of every "--- Segments ---" section, up to the next LV. */
    private static List<String> segments(String out) {
        List<String> keep = new ArrayList<>();
        boolean in = false;
        for (String l : out.lines().toList()) {
            if (l.equals("  --- Segments ---")) {
                in = true;
            } else if (l.equals("  --- Logical volume ---")) {
                in = false;
            }
            if (in) {
                keep.add(l);
            }
        }
        return keep;
    }
}
