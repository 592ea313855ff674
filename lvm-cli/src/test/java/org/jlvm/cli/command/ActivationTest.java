package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.RealLvm2;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.thin.meta.PoolMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activation as lvm does it, through the jlvm daemon (its own process, started by the first activation, gone when
 * nothing is active): lv_attr state and open characters as recorded from lvm2 with the kernel, the activation-skip
 * flag and -K, vgchange's count, lvchange's metadata changes (checked by the real lvm2 too), pool changes routed to
 * the daemon while the pool is active, and a daemon killed with SIGKILL reported once and recovered from.
 */
class ActivationTest {
    @TempDir
    Path tmp;

    @Test
    void activationLifecycleAsLvm() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            JlvmRunner j = h.j;
            j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
            assertEquals("Vwi---tz--", h.attr("thin1"));
            assertTrue(h.daemon().isEmpty(), "nothing active, no daemon");

            assertEquals(List.of("2 logical volume(s) in volume group \"vg0\" now active"),
                    j.ok("vgchange", "-ay", "vg0").rows());
            ProcessHandle daemon = h.requireDaemon();
            assertEquals("twi-aotz--", h.attr("pool0"));
            assertEquals("Twi-ao----", h.attr("pool0_tdata"));
            assertEquals("ewi-ao----", h.attr("pool0_tmeta"));
            assertEquals("ewi-------", h.attr("lvol0_pmspare"));
            assertEquals("Vwi-a-tz--", h.attr("thin1"));
            assertEquals("Vwi---tz-k", h.attr("snap1"), "the k flag keeps snapshots inactive");
            assertEquals("nbd+unix:///vg0/thin1?socket=" + h.run().resolve("nbd.sock"), h.uri("thin1"));
            assertEquals(List.of(), j.ok("lvs", "--noheadings", "-o", "nbd_uri", "vg0/snap1").rows());
            String shown = j.ok("lvdisplay", "vg0/thin1").out();
            assertTrue(shown.contains("  LV Status              available\n  # open                 0\n"
                    + "  LV NBD URI             " + h.uri("thin1") + "\n"), shown);
            assertTrue(j.ok("lvdisplay", "vg0/snap1").out().contains("  LV Status              NOT available\n"));

            j.ok("lvchange", "-ay", "vg0/snap1");
            assertEquals("Vwi---tz-k", h.attr("snap1"), "-ay without -K leaves it alone, as lvm does");
            j.ok("lvchange", "-ay", "-K", "vg0/snap1");
            assertEquals("VRi-a-tz-k", h.attr("snap1"), "activated with -K: exported read-only");

            // read-only and back while active: the daemon reloads the export (ActiveChangesTest has the clients)
            j.ok("lvchange", "-p", "r", "vg0/thin1");
            assertEquals("Vri-a-tz--", h.attr("thin1"));
            j.ok("lvchange", "-p", "rw", "vg0/thin1");
            assertEquals("Vwi-a-tz--", h.attr("thin1"));
            JlvmRunner.Result hidden = j.run("lvchange", "-ay", "vg0/pool0_tmeta");
            assertEquals(5, hidden.rc(), hidden.toString());
            assertEquals("  Operation not permitted on hidden LV vg0/pool0_tmeta.\n", hidden.err());

            // as recorded: lvchange -an on the pool alone leaves its thin LVs (and so tdata/tmeta) active
            j.ok("lvchange", "-an", "vg0/pool0");
            assertEquals("twi---tz--", h.attr("pool0"));
            assertEquals("Twi-ao----", h.attr("pool0_tdata"));
            j.ok("lvchange", "-an", "vg0/thin1");
            assertTrue(daemon.isAlive(), "snap1 is still active");
            assertEquals(List.of("0 logical volume(s) in volume group \"vg0\" now active"),
                    j.ok("vgchange", "-an", "vg0").rows());
            DaemonHome.awaitExit(daemon);
            assertFalse(Files.exists(h.run().resolve("jlvmd.sock")));
            assertFalse(Files.exists(h.run().resolve("nbd.sock")));
            assertEquals("twi---tz--", h.attr("pool0"));
            assertEquals("", j.ok("lvs").err(), "a daemon that stopped cleanly is not reported");
        }
    }

    @Test
    void lvchangeChangesMetadataAsTheRealLvm2ReadsIt() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            JlvmRunner j = h.j;
            j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
            assertEquals(List.of("Logical volume vg0/snap1 changed."), j.ok("lvchange", "-kn", "vg0/snap1").rows());
            assertEquals("Vwi---tz--", h.attr("snap1"));
            j.ok("lvchange", "-ky", "vg0/snap1");
            j.ok("lvchange", "-p", "r", "vg0/snap1");
            assertEquals("Vri---tz-k", h.attr("snap1"), "as recorded from lvm2");
            assertEquals(List.of("Logical volume vg0/pool0 changed."),
                    j.ok("lvchange", "--discards", "nopassdown", "vg0/pool0").rows());
            j.ok("lvchange", "-Z", "n", "vg0/pool0");
            j.ok("lvchange", "--errorwhenfull", "y", "vg0/pool0");
            assertEquals("twi---t---", h.attr("pool0"));
            assertEquals("Vwi---t---", h.attr("thin1"), "as recorded: the thin LVs lose the z too");
            JlvmRunner.Result notPool = j.run("lvchange", "-Z", "y", "vg0/thin1");
            assertEquals(5, notPool.rc(), notPool.toString());
            assertTrue(notPool.err().contains("uses options that require LV types thinpool"), notPool.err());
            assertEquals(3, j.run("lvchange", "--discards", "sometimes", "vg0/pool0").rc());
            assertEquals(3, j.run("lvchange", "vg0/pool0").rc(), "no change asked for");

            String fields = "lv_name,lv_attr,discards,zero,lv_when_full";
            try (RealLvm2.Loop loop = RealLvm2.Loop.attach(h.pv, true)) {
                RealLvm2 lvm = new RealLvm2(List.of(loop.device), tmp);
                RealLvm2.Result r = lvm.lvm("lvs", "--noheadings", "--separator", ":", "-o", fields, "vg0");
                assertEquals(0, r.rc(), r.toString());
                assertEquals(List.of("pool0:twi-XXt---:nopassdown::error", "snap1:Vri-XXt--k:nopassdown::",
                        "thin1:Vwi-XXt---:nopassdown::"),
                        r.out().lines().map(String::trim).filter(l -> !l.isEmpty()).toList());
            }
            // the pool's settings reach the daemon: it activates with them, and the read-only LV exports read-only
            j.ok("lvchange", "-ay", "-K", "vg0/snap1", "vg0/thin1");
            assertEquals("Vri-a-t--k", h.attr("snap1"));
            assertEquals("Vwi-a-t---", h.attr("thin1"));
            j.ok("vgchange", "-an", "vg0");
        }
    }

    @Test
    void poolChangesGoToTheDaemonWhileThePoolIsActive() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            JlvmRunner j = h.j;
            j.ok("lvchange", "-ay", "vg0/thin1");
            j.ok("lvcreate", "-V", "100m", "-T", "vg0/pool0", "-n", "thin2");
            j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
            j.ok("lvcreate", "-s", "vg0/snap1", "-n", "snap2");
            j.ok("lvchange", "-ay", "-K", "vg0/snap1");
            assertEquals(List.of("Logical volume \"thin2\" successfully removed."),
                    j.ok("lvremove", "vg0/thin2").rows());
            JlvmRunner.Result ask = j.run("lvremove", "vg0/snap1");
            assertEquals(5, ask.rc(), ask.toString());
            assertEquals("Do you really want to remove active logical volume vg0/snap1? [y/n]: [n]\n"
                    + "  Logical volume vg0/snap1 not removed.\n", ask.err());
            j.ok("lvremove", "-y", "vg0/snap1");
            // an active pool grows through the daemon (a table reload), its transaction id unchanged
            assertTrue(j.ok("lvextend", "-L", "+40m", "vg0/pool0").rows()
                    .contains("Logical volume vg0/pool0 successfully resized."));
            j.ok("lvrename", "vg0", "thin1", "thinA");      // an active LV that is not open is renamed
            assertEquals("Vwi-a-tz--", h.attr("thinA"));
            j.ok("lvrename", "vg0", "thinA", "thin1");
            List<String> rows = j.ok("lvs", "--noheadings", "--separator", ":", "-o",
                    "lv_name,lv_attr,thin_id,transaction_id", "vg0").rows();
            assertEquals(List.of("pool0:twi-aotz--::6", "snap2:Vwi---tz-k:4:3", "thin1:Vwi-a-tz--:1:0"), rows);
            j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            LvmSettings s = new LvmSettings(new LvmHome(j.home()), "check", false, 1000);
            try (VgSession v = VgSession.open(s, "vg0", false); PoolMetadata pm = ThinPools.open(v, v.lv("pool0"), true)) {
                assertEquals(List.of(1L, 4L), pm.devices(), "the daemon made and deleted the devices the VG lists");
                assertEquals(6, pm.stats().transactionId());
            }
            PoolChecks.check(j.home(), "vg0", true, tmp);
        }
    }

    @Test
    void aKilledDaemonIsReportedOnceAndTheLvsActivateAgain() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            JlvmRunner j = h.j;
            j.ok("lvchange", "-ay", "vg0/thin1");
            ProcessHandle d = h.requireDaemon();
            d.destroyForcibly();
            DaemonHome.awaitExit(d);
            JlvmRunner.Result after = j.ok("lvs", "vg0/thin1");
            assertEquals("  WARNING: The jlvm daemon stopped without deactivating its logical volumes (see "
                    + h.run().resolve("jlvmd.log") + "); they are inactive now, their thin pools as last committed.\n",
                    after.err());
            assertTrue(after.out().contains("Vwi---tz--"), after.out());
            assertEquals("", j.ok("lvs").err(), "said once");
            j.ok("lvchange", "-ay", "vg0/thin1");
            assertEquals("Vwi-a-tz--", h.attr("thin1"));
            j.ok("vgchange", "-an", "vg0");
        }
    }
}
