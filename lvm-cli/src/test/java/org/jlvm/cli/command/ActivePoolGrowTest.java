package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvextend of an active thin pool, as lvm reloads a pool's table: a writer that filled the pool waits (queue when
 * full, lvm's default), the pool's data is extended while the pool runs, the writer goes on and its data reads back;
 * the metadata is extended online too; after deactivation the pool metadata agrees with the VG (space maps as big
 * as {@code _tdata} and {@code _tmeta}) and the real thin_check 0.9.0 and 1.1.0 accept it.
 */
class ActivePoolGrowTest {
    @TempDir
    Path tmp;

    private static String field(DaemonHome h, String lv, String field) {
        return h.j.ok("lvs", "-a", "--noheadings", "-o", field, "vg0/" + lv).rows().get(0);
    }

    @Test
    void aFullPoolGrowsWhileAWriterWaits() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "8m")) {
            JlvmRunner j = h.j;
            j.ok("lvchange", "-ay", "vg0/thin1");
            String uri = h.uri("thin1");
            // 12 MiB into an 8 MiB pool: the writes beyond the pool's end wait for space
            NbdClients.Running writer = NbdClients.start(tmp, "qemu-io", "-f", "raw", "-c", "write -P 0x5c 0 12M",
                    "-c", "flush", uri);
            long deadline = System.currentTimeMillis() + 60_000;
            while (!field(h, "pool0", "lv_attr").endsWith("D-")) {
                assertTrue(System.currentTimeMillis() < deadline, "the pool did not fill: "
                        + field(h, "pool0", "lv_attr"));
                assertTrue(writer.process().isAlive(), "the writer ended before the pool was full");
                Thread.sleep(50);
            }
            assertEquals("100.00", field(h, "pool0", "data_percent"));
            JlvmRunner.Result grow = j.ok("lvextend", "-L", "+8m", "vg0/pool0");
            assertTrue(grow.out().contains("Logical volume vg0/pool0 successfully resized."), grow.toString());
            writer.ok(60);
            assertEquals("16.00m", field(h, "pool0", "lv_size"));
            assertEquals("75.00", field(h, "pool0", "data_percent"));
            assertEquals("twi-aotz--", field(h, "pool0", "lv_attr"), "out of the out-of-space mode");
            String read = NbdClients.ok(tmp, 60, "qemu-io", "-r", "-f", "raw", "-c", "read -P 0x5c 0 12M", uri).out();
            assertTrue(read.contains("read 12582912/12582912 bytes at offset 0"), read);

            String metaBefore = field(h, "pool0_tmeta", "lv_size");
            j.ok("lvextend", "--poolmetadatasize", "+4m", "vg0/pool0");
            assertTrue(!metaBefore.equals(field(h, "pool0_tmeta", "lv_size")), metaBefore);
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x6d 12M 1M", uri);

            j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            PoolChecks.check(j.home(), "vg0", true, tmp);
        }
    }
}
