package org.jlvm.tools.command;

import static org.jlvm.tools.command.ToolHarness.assertSame;
import static org.jlvm.tools.command.ToolHarness.block;
import static org.jlvm.tools.command.ToolHarness.expected;
import static org.jlvm.tools.command.ToolHarness.image;
import static org.jlvm.tools.command.ToolHarness.ours;
import static org.jlvm.tools.command.ToolHarness.patch;
import static org.jlvm.tools.command.ToolHarness.putInt;
import static org.jlvm.tools.command.ToolHarness.putLong;
import static org.jlvm.tools.command.ToolHarness.read;
import static org.jlvm.tools.command.ToolHarness.real;
import static org.jlvm.tools.command.ToolHarness.setBitmapEntry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jlvm.pool.block.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** thin_check against the recorded 0.9.0 outputs and against the real thin_check on damaged copies. */
class ThinCheckTest {
    static final String[] VECTORS = {"v1_empty", "v2_one_thin", "v3_snapshots", "v4_many", "v5_metasnap",
        "v6_shadowed", "v7_needs_check"};

    @TempDir
    Path dir;

    /** Recreates each image of thin_check_corruptions.txt by the byte change it describes. */
    Path corrupted(String name) throws IOException {
        Path p;
        switch (name) {
            case "leak.bin" -> {
                p = copy("v1_empty", name);
                patch(p, 3, Checksums.BITMAP_SALT, d -> setBitmapEntry(d, 8, 1));
            }
            case "under.bin" -> {
                p = copy("v1_empty", name);
                patch(p, 3, Checksums.BITMAP_SALT, d -> setBitmapEntry(d, 7, 0));
            }
            case "csum.bin" -> {
                p = copy("v1_empty", name);
                patch(p, 7, 0, d -> d[100] ^= 1);
            }
            case "dsm.bin" -> {
                p = copy("v3_snapshots", name);
                patch(p, 9, Checksums.BITMAP_SALT, d -> {
                    setBitmapEntry(d, 50, 1);
                    setBitmapEntry(d, 20, 0);
                });
            }
            case "mb.bin" -> {
                p = copy("v2_one_thin", name);
                patch(p, 6, Checksums.BTREE_NODE_SALT, d -> putLong(d, 32 + 8 * 126, 999));
            }
            case "ord.bin" -> {
                p = copy("v2_one_thin", name);
                patch(p, 10, Checksums.BTREE_NODE_SALT, d -> putLong(d, 32 + 8, 7));
            }
            case "nc.bin" -> p = copy("v7_needs_check", name);
            default -> throw new AssertionError("no recipe for " + name);
        }
        return p;
    }

    private Path copy(String vector, String name) throws IOException {
        Path src = image(dir, vector);
        Path p = dir.resolve(name);
        Files.copy(src, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return p;
    }

    /** One "$ thin_check ..." case of the capture file. */
    record Case(List<String> args, String expected) {
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        String[] lines = read(expected("thin_check_corruptions.txt")).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("$ thin_check")) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(lines[i].substring(2).split(" ")));
            args.remove(0);
            StringBuilder sb = new StringBuilder();
            int j = i + 1;
            for (; j < lines.length; j++) {
                sb.append(lines[j]).append('\n');
                if (lines[j].startsWith("[rc=")) {
                    break;
                }
            }
            out.add(new Case(args, sb.toString()));
            i = j;
        }
        return out;
    }

    @Test
    void everyRecordedCorruptionGivesTheRecordedOutput() throws IOException {
        List<Case> cs = cases();
        assertTrue(cs.size() >= 12, "cases parsed: " + cs.size());
        for (Case c : cs) {
            List<String> args = new ArrayList<>(c.args());
            String img = args.remove(args.size() - 1);
            Path p = corrupted(img);
            args.add(p.toString());
            String got = ours("thin_check", args.toArray(String[]::new)).combined();
            String stricter = STRICTER.get(img);
            if (stricter == null) {
                assertEquals(c.expected(), got, "thin_check " + String.join(" ", c.args()));
                continue;
            }
            // 0.9.0 does not check these; we report them as non-fatal errors ...
            assertTrue(c.expected().endsWith("[rc=0]\n"), c.expected());
            String base = c.expected().substring(0, c.expected().length() - "[rc=0]\n".length());
            assertEquals(base + stricter + "[rc=1]\n", got, "thin_check " + String.join(" ", c.args()));
            // ... so --ignore-non-fatal-errors gives 0.9.0's exit code.
            args.add(0, "--ignore-non-fatal-errors");
            assertEquals(base + stricter + "[rc=0]\n", ours("thin_check", args.toArray(String[]::new)).combined());
            assertEquals(0, real("thin_check", args.toArray(String[]::new)).rc());
        }
    }

    /** Recorded cases on which we are stricter than 0.9.0: the non-fatal report added after its output. */
    static final java.util.Map<String, String> STRICTER = java.util.Map.of(
            "dsm.bin", """
                      1 data block has leaked in the data space map:
                        data block 50: expected count 0, but got 1
                      1 data block has too few references in the data space map:
                        data block 20: expected count 1, but got 0
                    """,
            "mb.bin", """
                      thin device 1 has wrong mapped_blocks in the device details: expected 6 (mappings counted), \
                    but got 999
                    """);

    @Test
    void clearNeedsCheckFlagClearsTheFlagOnDisk() throws IOException {
        Path p = corrupted("nc.bin");
        assertEquals(0, ours("thin_check", "--clear-needs-check-flag", p.toString()).rc());
        assertEquals(0, block(p, 0)[4]);
        assertTrue(Checksums.compute(block(p, 0), Checksums.SUPERBLOCK_SALT) == Checksums.stored(block(p, 0)));
    }

    @Test
    void vectorsPassWithTheRecordedOutput() throws IOException {
        for (String v : VECTORS) {
            Path p = image(dir, v);
            ToolHarness.Result r = ours("thin_check", p.toString());
            assertEquals(read(expected(v + ".thin_check.stdout")), r.out(), v);
            assertEquals(read(expected(v + ".thin_check.stderr")), r.err(), v);
            assertEquals(0, r.rc(), v);
            if (Files.exists(expected(v + ".thin_check_m.stdout"))) {
                ToolHarness.Result m = ours("thin_check", "-m", p.toString());
                assertEquals(read(expected(v + ".thin_check_m.stdout")), m.out(), v + " -m");
                assertEquals(read(expected(v + ".thin_check_m.stderr")), m.err(), v + " -m");
            }
        }
    }

    @Test
    void everyOptionMatchesTheRealThinCheckOnTheVectors() throws IOException {
        String[][] opts = {{}, {"-q"}, {"--super-block-only"}, {"--skip-mappings"}, {"--ignore-non-fatal-errors"},
            {"-m"}, {"--override-mapping-root", "7"}, {"--auto-repair", "-m"}, {"--clear-needs-check-flag",
                "--skip-mappings"}, {"-V"}, {"-h"}, {}};
        for (String v : VECTORS) {
            Path p = image(dir, v);
            for (String[] o : opts) {
                String[] args = append(o, o.length == 0 && v.equals("v1_empty") ? dir.resolve("absent").toString()
                        : p.toString());
                assertSame(real("thin_check", args), ours("thin_check", args));
            }
        }
    }

    @Test
    void fixesLeaveTheSameBytesAsTheRealThinCheck() throws IOException {
        for (String name : new String[] {"leak.bin", "nc.bin"}) {
            for (String opt : new String[] {"--auto-repair", "--clear-needs-check-flag"}) {
                Path a = corrupted(name);
                Path b = dir.resolve("b-" + name);
                Files.copy(a, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                assertSame(real("thin_check", opt, a.toString()), ours("thin_check", opt, b.toString()));
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), name + " " + opt);
            }
        }
    }

    /** Node damage of every kind thin_check reports, compared with the real tool. */
    @Test
    void nodeDamageMatchesTheRealThinCheck() throws IOException {
        record D(String vector, long block, int salt, ToolHarness.Patch p) {
        }
        int node = Checksums.BTREE_NODE_SALT;
        List<D> ds = List.of(
                new D("v4_many", 13, 0, d -> d[100] ^= 1),
                new D("v4_many", 13, node, d -> putInt(d, 16, 10)),
                new D("v4_many", 13, node, d -> putInt(d, 16, 300)),
                new D("v4_many", 13, node, d -> putInt(d, 20, 251)),
                new D("v4_many", 13, node, d -> putInt(d, 20, 600)),
                new D("v4_many", 13, node, d -> putLong(d, 8, 99)),
                new D("v4_many", 13, node, d -> putInt(d, 24, 16)),
                new D("v4_many", 13, node, d -> putLong(d, 32, 100)),
                new D("v4_many", 13, node, d -> putInt(d, 4, 1)),
                new D("v4_many", 11, node, d -> putLong(d, 32 + 16, 300)),
                new D("v3_snapshots", 6, 0, d -> d[100] ^= 1),
                new D("v3_snapshots", 11, 0, d -> d[100] ^= 1),
                new D("v3_snapshots", 7, node, d -> putLong(d, 40, 5)),
                new D("v1_empty", 0, 0, d -> d[200] ^= 1),
                new D("v1_empty", 0, Checksums.SUPERBLOCK_SALT, d -> putLong(d, 32, 5)),
                new D("v1_empty", 1, 0, d -> d[100] ^= 1),
                new D("v1_empty", 3, 0, d -> d[100] ^= 1),
                new D("v1_empty", 9, 0, d -> d[100] ^= 1));
        int i = 0;
        for (D d : ds) {
            Path p = copy(d.vector(), "n" + i++ + ".bin");
            patch(p, d.block(), d.salt(), d.p());
            assertSame(real("thin_check", p.toString()), ours("thin_check", p.toString()));
        }
    }

    /** Random damage: never a crash, always a verdict, and the same verdict as the real thin_check. */
    @Test
    void randomDamageAlwaysGivesTheRealVerdict() throws IOException {
        Random rnd = new Random(42);
        for (int i = 0; i < 25; i++) {
            String v = VECTORS[rnd.nextInt(VECTORS.length)];
            Path p = copy(v, "r" + i + ".bin");
            long blocks = Files.size(p) / 4096;
            long b = rnd.nextInt((int) Math.min(blocks, 20));
            int kind = rnd.nextInt(3);
            patch(p, b, 0, d -> {
                if (kind == 0) {
                    java.util.Arrays.fill(d, (byte) 0);
                } else if (kind == 1) {
                    d[rnd.nextInt(4096)] ^= (byte) (1 << rnd.nextInt(8));
                } else {
                    d[16 + rnd.nextInt(64)] = (byte) rnd.nextInt(256);
                    Checksums.stamp(d, Checksums.saltOf(d));
                }
            });
            ToolHarness.Result ours = ours("thin_check", p.toString());
            ToolHarness.Result real = real("thin_check", p.toString());
            assertFalse(ours.err().contains("Exception"), ours.err());
            if (real.rc() == 0 && ours.rc() != 0) {
                // only our stricter (non-fatal) checks may fail where 0.9.0 passes
                ours = ours("thin_check", "--ignore-non-fatal-errors", p.toString());
            }
            assertEquals(real.rc() == 0, ours.rc() == 0, "verdict on " + v + " block " + b + " kind " + kind
                    + "\nreal: " + real.combined() + "ours: " + ours.combined());
        }
    }

    @Test
    void badCommandLines() throws IOException {
        Path p = image(dir, "v1_empty");
        assertSame(real("thin_check"), ours("thin_check"));
        assertSame(real("thin_check", dir.resolve("nope.bin").toString()),
                ours("thin_check", dir.resolve("nope.bin").toString()));
        assertSame(real("thin_check", "--auto-repair", "--ignore-non-fatal-errors", p.toString()),
                ours("thin_check", "--auto-repair", "--ignore-non-fatal-errors", p.toString()));
        assertSame(real("thin_check", "--override-mapping-root", "7", "--clear-needs-check-flag", p.toString()),
                ours("thin_check", "--override-mapping-root", "7", "--clear-needs-check-flag", p.toString()));
        ToolHarness.Result bad = ours("thin_check", "--no-such-option", p.toString());
        assertEquals(1, bad.rc());
        assertTrue(bad.err().contains("--no-such-option"), bad.err());
    }

    static String[] append(String[] a, String last) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = last;
        return r;
    }
}
