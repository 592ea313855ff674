package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jlvm homes that list the same PV: while one's daemon holds an LV of it active, the other's activation is
 * refused with a clear message and leaves nothing active (two daemons writing one pool would corrupt it), while
 * the first home's commands go on working; once the first deactivates, the second activates.
 */
class DaemonPvLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondDaemonCannotHoldAPvTheFirstHolds() throws Exception {
        try (DaemonHome a = DaemonHome.thinVg(tmp.resolve("a"), "200m");
             DaemonHome b = DaemonHome.adopt(tmp.resolve("b"), a.pv)) {
            a.j.ok("lvchange", "-ay", "vg0/thin1");
            assertEquals("Vwi-a-tz--", a.attr("thin1"));

            JlvmRunner.Result r = b.j.run("lvchange", "-ay", "vg0/thin1");
            assertEquals(5, r.rc(), r.toString());
            assertEquals(List.of("  Physical volume " + a.pv + " is held by another jlvm daemon (of another "
                    + "JLVM_HOME): its logical volumes are active there."), r.err().lines().toList());
            assertEquals("Vwi---tz--", b.attr("thin1"), "nothing active in the second home");
            b.awaitNoDaemon();

            // the first home's commands still open the PV (they lock all of it but the daemon's byte)
            a.j.ok("lvcreate", "-V", "64m", "-T", "vg0/pool0", "-n", "thin2");
            assertTrue(a.j.ok("lvs", "--noheadings", "-o", "lv_name", "vg0").rows().contains("thin2"));

            a.j.ok("vgchange", "-an", "vg0");
            a.awaitNoDaemon();
            b.j.ok("lvchange", "-ay", "vg0/thin1");
            assertEquals("Vwi-a-tz--", b.attr("thin1"));
            b.j.ok("vgchange", "-an", "vg0");
            b.awaitNoDaemon();
        }
    }
}
