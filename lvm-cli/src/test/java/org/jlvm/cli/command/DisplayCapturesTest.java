package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.pool.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vgdisplay, pvdisplay and lvdisplay of the VG of {@code kernel-01-pool-lifecycle.txt} (1 GiB PV, 200 MiB thin
 * pool with 64 KiB chunks, a 1 GiB thin LV and two snapshots) against what the real lvm2 printed for it. Masked:
 * UUIDs, creation time, the PV path, and the seqno (lvm's count includes its activation changes). For the
 * inactive snapshot, jlvm adds the "Mapped size" line lvm prints for active thin LVs only.
 */
class DisplayCapturesTest {
    @TempDir
    Path tmp;

    private JlvmRunner j;
    private Path pv;

    @BeforeEach
    void setUp() {
        j = new JlvmRunner(tmp.resolve("home"));
        pv = tmp.resolve("vda");
        j.ok("pvcreate", "--size", "1g", pv.toString());
        j.ok("vgcreate", "vg0", pv.toString());
        j.ok("lvcreate", "--type", "thin-pool", "-L", "200m", "-c", "64k", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "1g", "-T", "vg0/pool0", "-n", "thin1");
        j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
        j.ok("lvcreate", "-s", "vg0/snap1", "-n", "snap2");
    }

    private static String recorded(String command) throws IOException {
        String text = Files.readString(TestData.dir("lvm-captures").resolve("kernel-01-pool-lifecycle.txt"),
                StandardCharsets.UTF_8);
        return VgVerbsCapturesTest.steps(text).stream().filter(s -> s.command().equals(command)).findFirst()
                .orElseThrow().out();
    }

    private String mask(String text) {
        return text.replace(pv.toString(), "/dev/vda")
                .replaceAll("[0-9A-Za-z]{6}(-[0-9A-Za-z]{4}){5}-[0-9A-Za-z]{6}", "UUID")
                .replaceAll("(LV Creation host, time ).*", "$1...")
                .replaceAll("(Metadata Sequence No  )\\d+", "$1N");
    }

    @Test
    void vgdisplay() throws IOException {
        assertEquals(mask(recorded("vgdisplay")), mask(j.ok("vgdisplay").out()));
    }

    @Test
    void pvdisplay() throws IOException {
        assertEquals(mask(recorded("pvdisplay /dev/vda")), mask(j.ok("pvdisplay", pv.toString()).out()));
    }

    @Test
    void lvdisplayOfAnInactiveSnapshot() throws IOException {
        String ours = mask(j.ok("lvdisplay", "vg0/snap1").out());
        assertEquals(mask(recorded("lvdisplay vg0/snap1")), ours.replace("  Mapped size            0.00%\n", ""));
        // the pool's percentages are lvs' Data% and Meta%
        String[] lvs = j.ok("lvs", "--noheadings", "--separator", ":", "-o", "data_percent,metadata_percent",
                "vg0/pool0").rows().get(0).split(":");
        List<String> pool = j.ok("lvdisplay", "vg0/pool0").rows();
        assertEquals(List.of("Allocated pool data    " + lvs[0] + "%", "Allocated metadata     " + lvs[1] + "%"),
                pool.stream().filter(l -> l.startsWith("Allocated")).toList());
    }
}
