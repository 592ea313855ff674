package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.text.VgTextReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded random sequence of LVM commands through the in-process CLI on a VG of two PV files. A model of the
 * visible LVs (kind, size, pool, origin) follows every command that succeeds; a command may fail only for lack
 * of space, and then the VG is unchanged. Every few steps and at the end: the VG's on-disk invariants
 * ({@link VgOnDiskCheck}), jlvm's listing against the model, the real lvm2's listing and vgck against jlvm's
 * ({@link RealLvmOracle}), and the real thin_check (0.9.0 and 1.1.0) on every pool's metadata.
 * <p>A verb is one line in {@link #verbs}: a weight and a method that picks its arguments from the model (or
 * returns null when it does not apply) and says how the model changes when the command succeeds.
 */
class LvmRandomSequenceTest {
    private static final long MIB = 1L << 20;
    private static final long EXTENT = 4 * MIB;
    private static final int MAX_STEPS = 250;
    private static final int CHECK_EVERY = 5;
    private static final long TIME_BUDGET_MS = 40_000;

    @TempDir
    Path tmp;

    private enum Kind { LINEAR, POOL, THIN }

    /** A visible LV as the test expects it; pool and origin are "" when none. */
    private record Lv(Kind kind, long bytes, String pool, String origin) {
        Lv withBytes(long b) {
            return new Lv(kind, b, pool, origin);
        }
    }

    /** A command and how the model changes when it succeeds. */
    private record Op(List<String> command, Runnable onSuccess) {
    }

    private record Verb(String name, int weight, Function<Random, Op> pick) {
    }

    private final Map<String, Lv> model = new TreeMap<>();
    private int nextName;
    private int failed;
    private int checks;

    private final List<Verb> verbs = List.of(
            new Verb("lvcreate linear", 3, this::createLinear),
            new Verb("lvcreate thin-pool", 2, this::createPool),
            new Verb("lvcreate thin", 4, this::createThin),
            new Verb("lvcreate -s", 4, this::snapshot),
            new Verb("lvremove", 3, this::remove),
            new Verb("lvextend", 3, this::extend),
            new Verb("lvrename", 2, this::rename),
            new Verb("vgcfgbackup", 1, this::backup));

    private JlvmRunner jlvm;

    @Test
    void randomCommandsAgreeWithTheModelTheOnDiskChecksAndTheRealTools() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("LvmRandomSequenceTest seed=" + seed);
        Random rnd = new Random(seed);
        jlvm = new JlvmRunner(tmp.resolve("home"));
        List<Path> pvs = List.of(tmp.resolve("pv0.img"), tmp.resolve("pv1.img"));
        jlvm.ok("pvcreate", "--size", "256m", pvs.get(0).toString(), pvs.get(1).toString());
        jlvm.ok("vgcreate", "vg0", pvs.get(0).toString(), pvs.get(1).toString());
        RealLvmOracle oracle = new RealLvmOracle(jlvm, pvs, tmp);
        long peStart = VgOnDiskCheck.check(pvs, "vg0").pvs().get(0).peStart() * 512;
        List<String> log = new ArrayList<>();
        long start = System.currentTimeMillis();
        int total = verbs.stream().mapToInt(Verb::weight).sum();
        for (int step = 1; step <= MAX_STEPS && System.currentTimeMillis() - start < TIME_BUDGET_MS; step++) {
            Op op = null;
            while (op == null) {
                int w = rnd.nextInt(total);
                Verb v = verbs.get(0);
                for (Verb candidate : verbs) {
                    v = candidate;
                    if ((w -= candidate.weight()) < 0) {
                        break;
                    }
                }
                op = v.pick().apply(rnd);
            }
            long seqno = VgOnDiskCheck.check(pvs, "vg0").seqno();
            JlvmRunner.Result r = jlvm.run(op.command().toArray(String[]::new));
            log.add(step + ": " + String.join(" ", op.command()) + " -> " + r.rc());
            String context = "seed " + seed + ", after\n" + String.join("\n", log) + "\n";
            if (r.rc() == 0) {
                op.onSuccess().run();
            } else {
                assertTrue(r.rc() == 5 && r.err().contains("nsufficient free space"), context + r);
                assertEquals(seqno, VgOnDiskCheck.check(pvs, "vg0").seqno(), context + "a failed command changed the VG");
                failed++;
            }
            if (step % CHECK_EVERY == 0) {
                checkAll(pvs, oracle, peStart, context);
            }
        }
        checkAll(pvs, oracle, peStart, "seed " + seed + ", after\n" + String.join("\n", log) + "\n");
        System.out.println("LvmRandomSequenceTest: " + log.size() + " commands (" + failed + " refused for space), "
                + checks + " checks, " + model.size() + " LVs at the end");
    }

    private void checkAll(List<Path> pvs, RealLvmOracle oracle, long peStart, String context) throws Exception {
        checks++;
        VolumeGroup vg = VgOnDiskCheck.check(pvs, "vg0");
        assertEquals(expectedListing(), jlvm.ok("lvs", "-o", "lv_name,lv_size,pool_lv,origin", "--units", "b",
                "--nosuffix", "--noheadings", "--separator", ":", "vg0").rows(), context);
        List<String> ours = oracle.assertLvm2Agrees("vg0", context);
        oracle.assertThinCheckAccepts(ours, vg.extentSize() * 512, peStart, context);
    }

    private List<String> expectedListing() {
        return model.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().bytes() + ":"
                + e.getValue().pool() + ":" + e.getValue().origin()).toList();
    }

    // ------------------------------------------------------------------ the verbs

    private Op createLinear(Random rnd) {
        String name = newName("lin");
        long bytes = (1 + rnd.nextInt(6)) * EXTENT;
        return new Op(List.of("lvcreate", "-L", mib(bytes), "-n", name, "vg0"),
                () -> model.put(name, new Lv(Kind.LINEAR, bytes, "", "")));
    }

    private Op createPool(Random rnd) {
        String name = newName("pool");
        long bytes = (2 + rnd.nextInt(7)) * EXTENT;
        return new Op(List.of("lvcreate", "--type", "thin-pool", "-L", mib(bytes), "-n", name, "vg0"),
                () -> model.put(name, new Lv(Kind.POOL, bytes, "", "")));
    }

    private Op createThin(Random rnd) {
        String pool = any(rnd, Kind.POOL);
        if (pool == null) {
            return null;
        }
        String name = newName("thin");
        long bytes = (1 + rnd.nextInt(16)) * EXTENT;
        return new Op(List.of("lvcreate", "-V", mib(bytes), "-T", "vg0/" + pool, "-n", name),
                () -> model.put(name, new Lv(Kind.THIN, bytes, pool, "")));
    }

    private Op snapshot(Random rnd) {
        String origin = any(rnd, Kind.THIN);
        if (origin == null) {
            return null;
        }
        String name = newName("snap");
        Lv o = model.get(origin);
        return new Op(List.of("lvcreate", "-s", "vg0/" + origin, "-n", name),
                () -> model.put(name, new Lv(Kind.THIN, o.bytes(), o.pool(), origin)));
    }

    private Op remove(Random rnd) {
        String name = any(rnd, null);
        if (name == null) {
            return null;
        }
        return new Op(List.of("lvremove", "-y", "vg0/" + name), () -> {
            model.remove(name);
            // a pool takes its thin LVs; snapshots outlive their origin and lose the link
            model.entrySet().removeIf(e -> e.getValue().pool().equals(name));
            model.replaceAll((n, lv) -> lv.origin().equals(name) ? new Lv(lv.kind(), lv.bytes(), lv.pool(), "") : lv);
        });
    }

    private Op extend(Random rnd) {
        String name = any(rnd, null);
        if (name == null) {
            return null;
        }
        long more = (1 + rnd.nextInt(3)) * EXTENT;
        return new Op(List.of("lvextend", "-L", "+" + mib(more), "vg0/" + name),
                () -> model.put(name, model.get(name).withBytes(model.get(name).bytes() + more)));
    }

    private Op rename(Random rnd) {
        String from = any(rnd, null);
        if (from == null) {
            return null;
        }
        String to = newName("ren");
        return new Op(List.of("lvrename", "vg0", from, to), () -> {
            model.put(to, model.remove(from));
            model.replaceAll((n, lv) -> new Lv(lv.kind(), lv.bytes(), lv.pool().equals(from) ? to : lv.pool(),
                    lv.origin().equals(from) ? to : lv.origin()));
        });
    }

    private Op backup(Random rnd) {
        Path file = tmp.resolve("backup-" + nextName++);
        return new Op(List.of("vgcfgbackup", "-f", file.toString(), "vg0"), () -> {
            try {
                VolumeGroup written = VgTextReader.read(Files.readString(file)).vg();
                assertEquals(jlvmVg(), written, "vgcfgbackup writes the VG's metadata");
            } catch (Exception e) {
                throw new AssertionError("vgcfgbackup's file " + file, e);
            }
        });
    }

    // ------------------------------------------------------------------ helpers

    private VolumeGroup jlvmVg() throws Exception {
        List<Path> pvs = List.of(tmp.resolve("pv0.img"), tmp.resolve("pv1.img"));
        return VgOnDiskCheck.check(pvs, "vg0");
    }

    /** A random visible LV of {@code kind} (any kind when null), or null when there is none. */
    private String any(Random rnd, Kind kind) {
        List<String> names = model.entrySet().stream().filter(e -> kind == null || e.getValue().kind() == kind)
                .map(Map.Entry::getKey).toList();
        return names.isEmpty() ? null : names.get(rnd.nextInt(names.size()));
    }

    private String newName(String prefix) {
        return prefix + nextName++;
    }

    private static String mib(long bytes) {
        return bytes / MIB + "m";
    }
}
