package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes lvm makes to active LVs by reloading their tables, through the daemon: lvrename of an active thin LV
 * (its export takes the new name; refused while a client has it open), lvchange -p r/rw of an active LV (new
 * connections get the new mode; the writes of a connection opened before fail, as on a reloaded dm device),
 * lvchange --errorwhenfull y on an active pool (a write waiting for space fails at once), --discards (lvm's rule:
 * not to or from ignore while active), and vgrename refused while LVs are active.
 */
class ActiveChangesTest {
    @TempDir
    Path tmp;

    private static String field(DaemonHome h, String lv, String field) {
        return h.j.ok("lvs", "-a", "--noheadings", "-o", field, "vg0/" + lv).rows().get(0);
    }

    /** Waits until the daemon counts a connection on {@code lv} (lv_attr's open character). */
    private static void awaitOpen(DaemonHome h, String lv, NbdClients.Running client) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (field(h, lv, "lv_attr").charAt(5) != 'o') {
            assertTrue(System.currentTimeMillis() < deadline, "no connection on " + lv);
            assertTrue(client.process().isAlive(), client.cmd() + " ended early: " + Files.readString(client.out()));
            Thread.sleep(20);
        }
    }

    @Test
    void activeLvsAreRenamedAndMadeReadOnly() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            JlvmRunner j = h.j;
            j.ok("lvcreate", "-L", "8m", "-n", "lin", "vg0");
            j.ok("lvchange", "-ay", "vg0/thin1", "vg0/lin");

            j.ok("lvrename", "vg0", "thin1", "thinA");
            assertEquals("Vwi-a-tz--", field(h, "thinA", "lv_attr"));
            String list = NbdClients.ok(tmp, 30, "nbdinfo", "--list", h.uri("lin")).out();
            assertTrue(list.contains("vg0/thinA") && !list.contains("vg0/thin1"), list);
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x3a 0 64k", h.uri("thinA"));

            // open: refused, nothing renamed
            NbdClients.Running holder = NbdClients.start(tmp, "qemu-io", "-f", "raw", "-c", "read 0 4k", "-c",
                    "sleep 3000", "-c", "read 0 4k", h.uri("thinA"));
            awaitOpen(h, "thinA", holder);
            JlvmRunner.Result open = j.run("lvrename", "vg0/thinA", "vg0/thinB");
            assertEquals(5, open.rc(), open.toString());
            assertEquals(List.of("  Logical volume vg0/thinA is in use: jlvm renames an active LV only while no NBD "
                    + "client has it open."), open.err().lines().toList());
            holder.ok(30);
            assertEquals("thinA", field(h, "thinA", "lv_name"));

            // -p r while a connection writes: its next write fails, new connections are read-only
            NbdClients.Running writer = NbdClients.start(tmp, "qemu-io", "-f", "raw", "-c", "write -P 0x11 0 64k",
                    "-c", "sleep 4000", "-c", "write -P 0x22 0 64k", h.uri("lin"));
            awaitOpen(h, "lin", writer);
            Thread.sleep(300); // its first write is done (it writes right after connecting)
            assertTrue(j.ok("lvchange", "-p", "r", "vg0/lin").out().contains("Logical volume vg0/lin changed."));
            NbdClients.Result w = writer.await(30);
            assertTrue((w.out() + w.err()).contains("write failed"), w.all());
            assertEquals("-ri-a", field(h, "lin", "lv_attr").substring(0, 5));
            assertTrue(NbdClients.ok(tmp, 30, "nbdinfo", h.uri("lin")).out().contains("read_only: true"));
            String first = NbdClients.ok(tmp, 60, "qemu-io", "-r", "-f", "raw", "-c", "read -P 0x11 0 64k",
                    h.uri("lin")).out();
            assertTrue(first.contains("read 65536/65536"), "the write before -p r stays: " + first);
            j.ok("lvchange", "-p", "rw", "vg0/lin");
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x33 0 64k", h.uri("lin"));

            JlvmRunner.Result vgrename = j.run("vgrename", "vg0", "vg1");
            assertEquals(5, vgrename.rc(), vgrename.toString());
            assertEquals(List.of("  Volume group \"vg0\" has active logical volumes; deactivate them first "
                    + "(vgchange -an vg0)."), vgrename.err().lines().toList());
            j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            assertEquals(List.of("lin", "pool0", "thinA"), j.ok("lvs", "--noheadings", "-o", "lv_name", "vg0").rows());
        }
    }

    @Test
    void activePoolSettingsChangeOnline() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "8m")) {
            JlvmRunner j = h.j;
            j.ok("lvchange", "-ay", "vg0/thin1");
            JlvmRunner.Result ignore = j.run("lvchange", "--discards", "ignore", "vg0/pool0");
            assertEquals(5, ignore.rc(), ignore.toString());
            assertEquals(List.of("  Cannot change support for discards while pool volume vg0/pool0 is active."),
                    ignore.err().lines().toList());
            j.ok("lvchange", "--discards", "nopassdown", "vg0/pool0");
            assertEquals("nopassdown", field(h, "pool0", "discards"));
            j.ok("lvchange", "-Z", "n", "vg0/pool0");
            assertEquals("pool0:", j.ok("lvs", "--noheadings", "--separator", ":", "-o", "lv_name,zero", "vg0/pool0")
                    .rows().get(0), "no zeroing of new blocks");

            // a writer waits on the full pool (queue); --errorwhenfull y fails its write at once
            NbdClients.Running writer = NbdClients.start(tmp, "qemu-io", "-f", "raw", "-c", "write -P 0x5c 0 12M",
                    h.uri("thin1"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (!field(h, "pool0", "lv_attr").endsWith("D-")) {
                assertTrue(System.currentTimeMillis() < deadline, field(h, "pool0", "lv_attr"));
                Thread.sleep(50);
            }
            assertTrue(writer.process().isAlive(), "the write waits for space");
            j.ok("lvchange", "--errorwhenfull", "y", "vg0/pool0");
            NbdClients.Result w = writer.await(30);
            assertTrue((w.out() + w.err()).contains("write failed"), w.all());
            assertEquals("error", field(h, "pool0", "lv_when_full"));
            j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            PoolChecks.check(j.home(), "vg0", true, tmp);
            assertFalse(field(h, "pool0", "discards").isEmpty());
        }
    }
}
