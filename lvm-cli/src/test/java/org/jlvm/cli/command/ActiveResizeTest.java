package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvextend/lvreduce of active thin and linear LVs, as lvm resizes them by reloading their tables: the VG is
 * changed and the daemon's export takes the new size for new NBD connections (nbdinfo, qemu-io: real clients);
 * the data stays. (An active pool grows in ActivePoolGrowTest.)
 */
class ActiveResizeTest {
    @TempDir
    Path tmp;

    @Test
    void activeThinAndLinearLvsResizeAndNewConnectionsSeeTheNewSize() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp, "200m")) {
            JlvmRunner j = h.j;
            j.ok("lvcreate", "-L", "8m", "-n", "lin", "vg0");
            j.ok("lvchange", "-ay", "vg0/thin1", "vg0/lin");
            String thin = h.uri("thin1");
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x5a 1M 64k", thin);
            assertTrue(NbdClients.ok(tmp, 30, "nbdinfo", thin).out().contains("export-size: 1073741824"));

            assertEquals(List.of("Size of logical volume vg0/thin1 changed from 1.00 GiB (256 extents) to 2.00 GiB "
                    + "(512 extents).", "Logical volume vg0/thin1 successfully resized."),
                    j.ok("lvextend", "-L", "2g", "vg0/thin1").rows().stream().filter(l -> !l.startsWith("WARNING"))
                            .toList());
            assertEquals("Vwi-a-tz--", h.attr("thin1"), "still active");
            String info = NbdClients.ok(tmp, 30, "nbdinfo", thin).out();
            assertTrue(info.contains("export-size: 2147483648"), info);
            // beyond the old end, and the old data still there
            NbdClients.ok(tmp, 60, "qemu-io", "-f", "raw", "-c", "write -P 0x6b 1536M 64k", thin);
            String read = NbdClients.ok(tmp, 60, "qemu-io", "-r", "-f", "raw", "-c", "read -P 0x6b 1536M 64k",
                    "-c", "read -P 0x5a 1M 64k", thin).out();
            assertTrue(read.contains("read 65536/65536 bytes at offset 1610612736")
                    && read.contains("read 65536/65536 bytes at offset 1048576"), read);

            j.ok("lvreduce", "-y", "-L", "1g", "vg0/thin1");
            info = NbdClients.ok(tmp, 30, "nbdinfo", thin).out();
            assertTrue(info.contains("export-size: 1073741824"), info);

            j.ok("lvextend", "-L", "+8m", "vg0/lin");
            info = NbdClients.ok(tmp, 30, "nbdinfo", h.uri("lin")).out();
            assertTrue(info.contains("export-size: 16777216"), info);

            j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            assertEquals(List.of("lin:16.00m", "thin1:1.00g"), j.ok("lvs", "--noheadings", "--separator", ":", "-o",
                    "lv_name,lv_size", "-S", "lv_name=thin1||lv_name=lin", "vg0").rows());
        }
    }
}
