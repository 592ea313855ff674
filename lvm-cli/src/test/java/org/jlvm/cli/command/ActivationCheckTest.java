package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.testing.RealThinTools;
import org.jlvm.thin.meta.PoolMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * thin_check at activation (lvm's {@code global/thin_check_executable} and {@code thin_check_options}; the
 * replay of the real lvm2's refusals is in {@link LvConvertRepairTest}): needs_check cleared by the default
 * options (and the real thin_check agrees afterwards), an empty executable skips the check, an option our check
 * does not know fails it, and a failed check writes nothing.
 */
class ActivationCheckTest {
    @TempDir
    Path tmp;

    private static boolean needsCheck(DaemonHome h) throws Exception {
        LvmSettings s = new LvmSettings(new LvmHome(h.j.home()), "test", false, 1000);
        try (VgSession v = VgSession.open(s, "vg0", false); PoolMetadata pm = ThinPools.open(v, v.lv("pool0"), true)) {
            return pm.needsCheck();
        }
    }

    private static void setNeedsCheck(DaemonHome h) throws Exception {
        LvmSettings s = new LvmSettings(new LvmHome(h.j.home()), "test", false, 1000);
        try (VgSession v = VgSession.open(s, "vg0", true); PoolMetadata pm = ThinPools.open(v, v.lv("pool0"), false)) {
            pm.setNeedsCheck();
        }
    }

    @Test
    void needsCheckIsClearedByTheDefaultOptions() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            setNeedsCheck(h);
            assertTrue(needsCheck(h));
            h.j.ok("lvchange", "-ay", "vg0/thin1");
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x7e 0 64k", h.uri("thin1"));
            h.j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            assertFalse(needsCheck(h), "thin_check --clear-needs-check-flag cleared it, and the pool took writes");
            RealThinTools.Run real = RealThinTools.checkAll(h.tmetaImage());
            assertEquals(0, real.rc(), real.stdout());
        }
    }

    @Test
    void theCheckCanBeTurnedOffOrFailOnAnUnknownOption() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            JlvmRunner.Result bad = h.j.run("lvchange", "-ay", "--config",
                    "global/thin_check_options=[\"-q\",\"--bogus\"]", "vg0/thin1");
            assertEquals(5, bad.rc(), bad.toString());
            assertEquals(List.of("thin_check: unrecognized option '--bogus'",
                    "  Check of pool vg0/pool0 failed (status:1). Manual repair required!"), bad.err().lines().toList());
            assertEquals("Vwi---tz--", h.attr("thin1"));

            // a superblock of text: with the check off, the daemon's own open refuses the pool
            Path before = h.tmetaImage();
            byte[] text = "not a superblock \n".repeat(300).substring(0, 4096).getBytes();
            LvmSettings s = new LvmSettings(new LvmHome(h.j.home()), "test", false, 1000);
            try (VgSession v = VgSession.open(s, "vg0", true)) {
                ThinPoolSegment p = ThinPools.poolSegment(v.lv("pool0"));
                try (BlockDevice d = v.lvDevice(v.lv(p.metadataLv()))) {
                    d.write(0, java.nio.ByteBuffer.wrap(text));
                    d.flush();
                }
            }
            byte[] damaged = Files.readAllBytes(h.tmetaImage());
            JlvmRunner.Result off = h.j.run("lvchange", "-ay", "--config", "global/thin_check_executable=\"\"",
                    "vg0/thin1");
            assertEquals(5, off.rc(), off.toString());
            assertFalse(off.err().contains("Check of pool"), off.toString());
            assertFalse(off.err().isBlank(), off.toString());
            JlvmRunner.Result on = h.j.run("lvchange", "-ay", "vg0/thin1");
            assertEquals(List.of("  Check of pool vg0/pool0 failed (status:1). Manual repair required!"),
                    on.err().lines().toList());
            assertArrayEquals(damaged, Files.readAllBytes(h.tmetaImage()), "nothing was written to the metadata");
            assertTrue(before.toFile().length() > 0);
            h.awaitNoDaemon();
        }
    }
}
