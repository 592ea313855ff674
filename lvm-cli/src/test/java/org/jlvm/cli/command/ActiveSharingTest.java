package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jlvm's {@code thin_exclusive}/{@code thin_shared} of an active pool come from the daemon, walked in a metadata
 * snapshot of the live pool (reserved, walked, released): the figures match what was written over NBD before and
 * after a snapshot, the snapshot is released (a second report gives the same), and after deactivation the walk of
 * the metadata on disk gives the same figures.
 */
class ActiveSharingTest {
    @TempDir
    Path tmp;

    private static List<String> sharing(JlvmRunner j) {
        return j.ok("lvs", "--noheadings", "--separator", ":", "--units", "b", "--nosuffix", "-o",
                "lv_name,thin_exclusive,thin_shared", "-S", "lv_name=thin1||lv_name=snap1", "vg0").rows();
    }

    @Test
    void activePoolSharingComesFromAMetadataSnapshot() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            JlvmRunner j = h.j;
            j.ok("lvchange", "-ay", "vg0/thin1");
            String thin = h.uri("thin1");
            // 64 blocks of 64 KiB, then a snapshot shares them
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x11 0 4M", thin);
            j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
            // 16 blocks overwritten (thin1 gets new ones, snap1 keeps the old ones alone), 16 new blocks
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x22 0 1M", "-c", "write -P 0x33 8M 1M",
                    thin);
            long k64 = 65536;
            List<String> expected = List.of("snap1:" + 16 * k64 + ":" + 48 * k64, "thin1:" + 32 * k64 + ":" + 48 * k64);
            assertEquals(expected, sharing(j), "live, from the daemon's metadata snapshot");
            assertEquals(expected, sharing(j), "again: the first report released its snapshot");
            String log = java.nio.file.Files.readString(h.run().resolve("jlvmd.log"));
            assertEquals(2, log.lines().filter(l -> l.contains("sharing vg0/pool0: 2 devices walked in a metadata "
                    + "snapshot")).count(), log);
            j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            assertEquals(expected, sharing(j), "inactive, from the metadata on disk");
        }
    }
}
