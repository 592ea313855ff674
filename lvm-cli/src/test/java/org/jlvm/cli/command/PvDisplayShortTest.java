package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.RealLvm2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pvdisplay -s}: the real lvm2 on the same PV files (read-only loop devices) prints the same lines. */
class PvDisplayShortTest {
    @TempDir
    Path tmp;

    @Test
    void shortFormShowsTheFreeCapacityAsTheRealLvm2() throws Exception {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        Path pv0 = tmp.resolve("pv0.img");
        Path pv1 = tmp.resolve("pv1.img");
        j.ok("pvcreate", "--size", "100m", pv0.toString());
        j.ok("pvcreate", "--size", "50m", pv1.toString());
        j.ok("vgcreate", "vg0", pv0.toString());
        j.ok("lvcreate", "-L", "20m", "-n", "lin", "vg0");
        List<String> ours = j.ok("pvdisplay", "-s").rows();
        assertEquals(2, ours.size(), ours.toString());
        try (RealLvm2.Loop l0 = RealLvm2.Loop.attach(pv0, true); RealLvm2.Loop l1 = RealLvm2.Loop.attach(pv1, true)) {
            RealLvm2.Result r = new RealLvm2(List.of(l0.device, l1.device), tmp).lvm("pvdisplay", "-s");
            assertEquals(0, r.rc(), r.toString());
            assertEquals(List.of(), r.otherErrLines(), r.toString());
            List<String> real = r.out().lines().filter(x -> !x.equals(RealLvm2.ACTIVATION_WARNING))
                    .map(x -> x.replace(l0.device, pv0.toString()).replace(l1.device, pv1.toString())).sorted()
                    .toList();
            assertEquals(real, ours.stream().map(x -> "  " + x).sorted().toList());
        }
        assertEquals(List.of("Device \"" + pv0 + "\" has a capacity of 76.00 MiB"),
                j.ok("pvdisplay", "-s", pv0.toString()).rows());
    }
}
