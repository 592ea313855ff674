package org.jlvm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jlvm.pool.testing.RealThinTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command end to end: scripts/quickstart.sh runs the LVM verbs through bin/jlvm (one JVM per
 * command, as a user runs them) on PV files in a temporary work directory; lvs -a shows lvm's layout, qemu-img puts
 * an image into an active thin LV and reads it back from a snapshot through the daemon, and the real thin_check
 * accepts the pool metadata at the extents lvs gives for [pool0_tmeta].
 */
class QuickstartIT {
    @TempDir
    Path tmp;

    @Test
    void quickstartScript() throws Exception {
        Path script = Path.of("..", "scripts", "quickstart.sh").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(script.toString());
        pb.environment().put("JLVM_WORK", tmp.toString());
        pb.environment().put("JLVM_HOME", tmp.resolve("home").toString());
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().map(String::trim).toList();
        assertTrue(lines.contains("Logical volume \"snap2\" created."), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("pool0 +vg0 twi---tz-- 200\\.00m +0\\.00 +1\\.\\d\\d")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("snap2 +vg0 Vwi---tz-k +1\\.00g pool0 snap1 +0\\.00")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pool0_tmeta\\] +vg0 ewi------- +4\\.00m")), out);
        // the NBD part: qemu-img put an image into the active thin1, its snapshot reads back the same, all deactivated
        assertTrue(lines.contains("Images are identical."), out);
        assertTrue(lines.contains("0 logical volume(s) in volume group \"vg0\" now active"), out);
        // [pool0_tmeta]  <thin_id> <transaction_id> .../pv0.img:A-B, from lvs -a -o ...,seg_pe_ranges
        String tmeta = lines.stream().filter(l -> l.startsWith("[pool0_tmeta]") && l.contains("pv0.img:"))
                .findFirst().orElseThrow(() -> new AssertionError(out));
        String range = tmeta.substring(tmeta.lastIndexOf(':') + 1).trim();
        long first = Long.parseLong(range.substring(0, range.indexOf('-')));
        long last = Long.parseLong(range.substring(range.indexOf('-') + 1));
        Path cut = tmp.resolve("tmeta.bin");
        long extent = 4L << 20;
        try (RandomAccessFile in = new RandomAccessFile(tmp.resolve("pv0.img").toFile(), "r")) {
            byte[] buf = new byte[(int) ((last - first + 1) * extent)];
            in.seek((1L << 20) + first * extent);
            in.readFully(buf);
            Files.write(cut, buf);
        }
        RealThinTools.Run check = RealThinTools.checkAll(cut);
        assertEquals(0, check.rc(), tmeta + "\n" + check.combined());
    }
}
