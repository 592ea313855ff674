package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.pool.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvextend/lvreduce/lvresize and vgcfgrestore in-process against real lvm2 2.03.16 output
 * ({@code testdata/lvm-captures}): the kernel session that grows a pool's data and metadata, refuses to shrink it
 * and resizes a thin LV with and without {@code -y} (stdout, stderr and exit code line for line, then the same
 * PE ranges, pool metadata that agrees and that thin_check accepts); and the linear-LV session recorded on a loop
 * device (sizes, percentages, rounding, every refusal, vgcfgrestore's errors and its --list layout).
 */
class LvResizeCapturesTest {
    /** Lines lvm printed because the recording host had no device-mapper; jlvm has none to talk to. */
    private static final List<String> DM_LINES = List.of("  /dev/mapper/control: open failed: No such device",
            "  Failure to communicate with kernel device-mapper driver.",
            "  Check that device-mapper is available in the kernel.",
            "  Incompatible libdevmapper 1.02.185 (2022-05-18) and kernel driver (unknown version).");

    @TempDir
    Path tmp;

    /** One command of a kernel capture: {@code $ cmd}, stdout, {@code stderr: } lines, {@code rc=N}. */
    record KernelBlock(String command, List<String> out, List<String> err, int rc) {
    }

    static List<KernelBlock> kernelBlocks(String file) throws Exception {
        List<KernelBlock> blocks = new ArrayList<>();
        String cmd = null;
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.dir("lvm-captures").resolve(file), StandardCharsets.UTF_8)) {
            if (line.startsWith("$ ")) {
                cmd = line.substring(2);
                out = new ArrayList<>();
                err = new ArrayList<>();
            } else if (cmd != null && line.startsWith("rc=")) {
                blocks.add(new KernelBlock(cmd, out, err, Integer.parseInt(line.substring(3))));
                cmd = null;
            } else if (cmd != null && line.startsWith("stderr: ")) {
                err.add(line.substring(8));
            } else if (cmd != null) {
                out.add(line);
            }
        }
        return blocks;
    }

    /** One command of a loop-device capture: {@code # cmd}, merged output, {@code [exit N]}. */
    record Recorded(String command, String output, int exit) {
    }

    static List<Recorded> recorded(String file) throws Exception {
        String text = Files.readString(TestData.dir("lvm-captures").resolve(file), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^# (.*)\n((?:(?!\\[exit ).*\n)*?)\\[exit (\\d+)\\]$")
                .matcher(text);
        List<Recorded> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Recorded(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
        }
        return out;
    }

    /** vg0 on a 1 GiB PV {@code vda.img} with pool0 (64 KiB chunks) and thin1, as the kernel sessions set up. */
    private JlvmRunner thinVg(String poolSize, String thinSize) {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        String pv = tmp.resolve("vda.img").toString();
        j.ok("pvcreate", "--size", "1g", pv);
        j.ok("vgcreate", "vg0", pv);
        j.ok("lvcreate", "--type", "thin-pool", "-L", poolSize, "-c", "64k", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", thinSize, "-T", "vg0/pool0", "-n", "thin1");
        return j;
    }

    /** Runs the capture's lvextend/lvreduce/lvresize commands: stdout, stderr and exit code as recorded. */
    private static int replayResizes(JlvmRunner j, String file, Runnable afterEach) throws Exception {
        int compared = 0;
        for (KernelBlock b : kernelBlocks(file)) {
            if (b.command().matches("lv(extend|reduce|resize) .*")) {
                JlvmRunner.Result r = j.run(b.command().split(" "));
                assertEquals(b.out(), lines(r.out()), b.command() + "\n" + r);
                assertEquals(b.err(), lines(r.err()), b.command() + "\n" + r);
                assertEquals(b.rc(), r.rc(), b.command());
                afterEach.run();
                compared++;
            }
        }
        return compared;
    }

    private static List<String> lines(String s) {
        return s.lines().toList();
    }

    @Test
    void poolAndThinResizeAsTheKernelSessionRecordedThem() throws Exception {
        JlvmRunner j = thinVg("200m", "1g");
        String pv = tmp.resolve("vda.img").toString();
        assertEquals(10, replayResizes(j, "kernel-02-pool-resize.txt", () -> { }));
        KernelBlock lastLvs = kernelBlocks("kernel-02-pool-resize.txt").stream()
                .filter(b -> b.command().startsWith("lvs -a -o +seg_pe_ranges")).reduce((a, b) -> b).orElseThrow();
        List<String> theirs = new ArrayList<>();
        for (String row : lastLvs.out().subList(1, lastLvs.out().size())) {
            String[] f = row.trim().split(" +");
            String range = f[f.length - 1];
            theirs.add(f[0] + " " + (range.startsWith("/dev/vda:") ? range.replace("/dev/vda:", pv + ":")
                    : range.contains(":") ? range : ""));
        }
        List<String> ours = j.ok("lvs", "-a", "-o", "lv_name,seg_pe_ranges", "--noheadings").rows().stream()
                .map(r -> r.split(" +").length == 1 ? r + " " : r.replaceAll(" +", " ")).toList();
        assertEquals(theirs, ours);
        PoolChecks.check(j.home(), "vg0", true, tmp);
    }

    /**
     * The kernel session's resize errors: an extension the VG cannot hold after the pool metadata grew prints what
     * lvm prints, but leaves the VG as it was (lvm keeps the grown _tmeta; see the README), and unknown LVs.
     */
    @Test
    void resizeErrorsAsTheKernelSessionRecordedThem() throws Exception {
        JlvmRunner j = thinVg("100m", "200m");
        Path pv = tmp.resolve("vda.img");
        j.ok("lvcreate", "-L", "8m", "-n", "lv1", "vg0");
        VgState before = VgState.of(j, pv);
        assertEquals(3, replayResizes(j, "kernel-06-errors.txt", () -> {
            try {
                before.assertUnchanged(j, pv);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
    }

    @Test
    void linearResizeAndRestoreErrorsAsRecorded() throws Exception {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        String pv = tmp.resolve("pv0.img").toString();
        j.ok("pvcreate", "--size", "512m", pv);
        j.ok("vgcreate", "vg0", pv);
        int compared = 0;
        List<Recorded> blocks = recorded("05-linear-resize-and-restore.txt");
        for (Recorded b : blocks) {
            String c = b.command();
            if (c.startsWith("pvcreate") || c.startsWith("vgcreate") || c.startsWith("lvs ")
                    || c.equals("vgcfgrestore --list vg0")) {
                continue;
            }
            List<String> expected = new ArrayList<>();
            for (String l : lines(b.output())) {
                if (!DM_LINES.contains(l) && !l.startsWith("  WARNING: Failed to check for active volumes")) {
                    expected.add(l.replace("/etc/lvm/archive", j.home().resolve("archive").toString()));
                }
            }
            String[] argv = c.split(" ");
            java.util.regex.Matcher reduced = java.util.regex.Pattern.compile(
                    "changed from .* \\((\\d+) extents\\) to (.*) \\((\\d+) extents\\)\\.").matcher(b.output());
            if (reduced.find() && Long.parseLong(reduced.group(3)) < Long.parseLong(reduced.group(1))) {
                // recorded with activation off: lvm asks only for active LVs; jlvm always asks (README), so -y
                argv = (c + " -y").split(" ");
                expected.add("  WARNING: Reducing active logical volume to " + reduced.group(2) + ".");
                expected.add("  THIS MAY DESTROY YOUR DATA (filesystem etc.)");
            }
            JlvmRunner.Result r = j.run(argv);
            List<String> got = new ArrayList<>(lines(r.out()));
            got.addAll(lines(r.err()));
            assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList(), c + "\n" + r);
            assertEquals(b.exit(), r.rc(), c + "\n" + r);
            compared++;
        }
        assertEquals(blocks.size() - 4, compared);
        // vgcfgrestore --list: lvm's layout of the last archive and the backup (names, times and the recorded
        // --config aside)
        String listing = blocks.stream().filter(b -> b.command().equals("vgcfgrestore --list vg0")).findFirst()
                .orElseThrow().output();
        List<String> ours = lines(j.ok("vgcfgrestore", "--list", "vg0").out());
        assertTrue(ours.size() >= 12, ours.toString());
        assertEquals(normalize(lines(listing), "/etc/lvm"), normalize(ours.subList(ours.size() - 12, ours.size()),
                j.home().toString()));
    }

    private static List<String> normalize(List<String> lines, String root) {
        return lines.stream().map(l -> l.replace(root, "ROOT").replace(" -y'", "'")
                .replaceAll("vg0_\\d{5}-\\d+\\.vg", "vg0_N-R.vg")
                .replaceAll(" --config 'global\\{.*\\}'", "")
                .replaceAll("Backup Time:\t.*", "Backup Time:\tDATE")).toList();
    }
}
