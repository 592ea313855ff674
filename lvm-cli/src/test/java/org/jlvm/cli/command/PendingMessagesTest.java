package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.thin.meta.PoolMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command interrupted between writing the VG with a pending pool message and talking to the pool: the next
 * command that changes the VG sends the message (metadata behind) or drops it (metadata already has it), as
 * lvm does at the next activation.
 */
class PendingMessagesTest {
    @TempDir
    Path tmp;

    private static void interruptedCreate(JlvmRunner j, String name, long devId) throws Exception {
        LvmSettings s = new LvmSettings(new LvmHome(j.home()), "lvcreate interrupted", false, 1000);
        try (VgSession v = VgSession.open(s, "vg0", true)) {
            VolumeGroup vg = v.vg();
            ThinPoolSegment p = ThinPools.poolSegment(vg.lv("pool0").orElseThrow());
            List<LogicalVolume> lvs = new ArrayList<>(vg.lvs());
            lvs.add(LogicalVolume.of(name, LvmUuid.random(new java.util.Random(devId)), true, 1, "h",
                    new ThinSegment(0, 25, "pool0", p.transactionId(), devId, null, null, null)));
            v.commit(ThinPools.queue(vg.withLvs(lvs), "pool0", new ThinPoolSegment.Message(name, null)));
        }
    }

    private static long poolTransaction(JlvmRunner j, List<Long> devices) throws Exception {
        LvmSettings s = new LvmSettings(new LvmHome(j.home()), "check", false, 1000);
        try (VgSession v = VgSession.open(s, "vg0", false);
                PoolMetadata pm = ThinPools.open(v, v.lv("pool0"), true)) {
            assertEquals(devices, pm.devices());
            ThinPoolSegment p = ThinPools.poolSegment(v.lv("pool0"));
            assertTrue(p.messages().isEmpty(), p.toString());
            assertEquals(p.transactionId(), pm.stats().transactionId());
            return p.transactionId();
        }
    }

    @Test
    void nextCommandSendsOrDropsPendingMessages() throws Exception {
        JlvmRunner j = LvmLifecycleTest.lifecycle(tmp);
        interruptedCreate(j, "thin5", 5);
        // lvs shows the LV; the pool metadata does not have device 5 yet
        assertEquals(List.of("thin5:5:4"), j.ok("lvs", "-o", "lv_name,thin_id,transaction_id", "--noheadings",
                "--separator", ":", "vg0/thin5").rows());
        j.ok("lvcreate", "-V", "10m", "-T", "vg0/pool0", "-n", "thin6");
        assertEquals(6, poolTransaction(j, List.of(1L, 2L, 3L, 4L, 5L, 6L)));

        // the pool already has the change (the VG write after the pool message was lost): the message is dropped
        interruptedCreate(j, "thin7", 7);
        LvmSettings s = new LvmSettings(new LvmHome(j.home()), "x", false, 1000);
        try (VgSession v = VgSession.open(s, "vg0", true); PoolMetadata pm = ThinPools.open(v, v.lv("pool0"), false)) {
            pm.createThin(7);
            pm.setTransactionId(6, 7);
            pm.commit();
        }
        j.ok("lvremove", "vg0/thin6");
        assertEquals(8, poolTransaction(j, List.of(1L, 2L, 3L, 4L, 5L, 7L)));
    }
}
