package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.vg.LvOps;
import org.jlvm.cli.lvm.vg.LvResize;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.Messages;
import org.jlvm.cli.lvm.vg.PoolConvert;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.ResizeAmount;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.io.ForwardingBlockDevice;
import org.jlvm.pool.testing.FaultyBlockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut at every I/O of lvcreate (linear, thin, snapshot), lvremove (thin, pool), lvextend (pool data, pool
 * metadata, thin), lvreduce and lvconvert --type thin-pool, with the fault-injecting device under the PV: the next
 * command reads the VG in its old or its new state (lvs lists one of the two), finishes what the cut interrupted
 * (ThinPools.resolvePending), and then every pool's metadata agrees with the VG; the real thin_check accepts the
 * tmeta for a seeded sample of the cuts. Half the cuts keep a random subset of the unflushed sectors.
 */
class VgWriteCrashTest {
    private static final long SEED = Long.getLong("jlvm.crash.seed", System.nanoTime());
    /** thin_check runs per case (sampled cut points), to keep the test fast. */
    private static final int THIN_CHECKS_PER_CASE = 1;
    private static final long BUDGET_MILLIS = 90_000;
    private static final Messages QUIET = new Messages() {
        @Override
        public void print(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    @TempDir
    Path tmp;

    interface Op {
        void run(VgSession s) throws IOException;
    }

    record Case(String name, Op op) {
    }

    private static LvResize.Request grow(String size) {
        return new LvResize.Request(LvResize.Mode.ANY, ResizeAmount.size("--size", size, "+-"), null, false, true);
    }

    private static List<Case> cases() {
        return List.of(
                new Case("lvcreate linear", s -> new LvOps(s, QUIET).createLinear("lin2", 3)),
                new Case("lvcreate thin", s -> new LvOps(s, QUIET).createThin("thin2", "pool0", 8, null, false)),
                new Case("lvcreate snapshot", s -> new LvOps(s, QUIET).createThin("snap2", "pool0", 32, "thin1", true)),
                new Case("lvremove thin", s -> new LvOps(s, QUIET).remove("snap1", q -> true)),
                new Case("lvremove pool", s -> new LvOps(s, QUIET).remove("pool0", q -> true)),
                new Case("lvextend pool data", s -> new LvResize(s, QUIET, q -> true).resize("pool0", grow("+8m"))),
                new Case("lvextend pool metadata", s -> new LvResize(s, QUIET, q -> true).resize("pool0",
                        new LvResize.Request(LvResize.Mode.EXTEND, null, ResizeAmount.size("--poolmetadatasize",
                                "+1m", "+"), false, true))),
                new Case("lvextend thin", s -> new LvResize(s, QUIET, q -> true).resize("thin1", grow("+8m"))),
                new Case("lvreduce linear", s -> new LvResize(s, QUIET, q -> true).resize("lin", grow("-2m"))),
                new Case("lvconvert thin-pool", s -> new PoolConvert(s, QUIET).toThinPool("data2", null,
                        new LvOps.PoolOptions(null, null, null, null, true), q -> true)),
                new Case("lvconvert --repair", s -> new org.jlvm.cli.lvm.vg.PoolRepair(s, QUIET,
                        new java.io.PrintWriter(java.io.Writer.nullWriter())).repair("pool0", "/usr/sbin/thin_repair")));
    }

    @Test
    void powerCutAtEveryWriteLeavesOldOrNewState() throws Exception {
        Random random = new Random(SEED);
        Path base = tmp.resolve("base.img");
        JlvmRunner b = baseVg(base, "32m");
        b.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
        b.ok("lvcreate", "-L", "4m", "-n", "lin", "vg0");
        b.ok("lvcreate", "-L", "8m", "-n", "data2", "vg0");
        List<String> old = listing(b);
        Path work = tmp.resolve("work.img");
        Path home = tmp.resolve("home");
        JlvmRunner j = new JlvmRunner(home);
        long start = System.currentTimeMillis();
        int cuts = 0;
        int thinChecks = 0;
        for (Case c : cases()) {
            reset(base, work, tmp.resolve("base-home"), home);
            long ios = run(home, c, Long.MAX_VALUE, random);
            List<String> fresh = listing(j);
            assertTrue(!fresh.equals(old), c.name() + " changed nothing");
            PoolChecks.check(home, "vg0", false, tmp);
            List<Long> sample = new ArrayList<>();
            for (int i = 0; i < THIN_CHECKS_PER_CASE; i++) {
                sample.add(1 + (long) random.nextInt((int) ios));
            }
            for (long k = 1; k <= ios && System.currentTimeMillis() - start < BUDGET_MILLIS; k++) {
                reset(base, work, tmp.resolve("base-home"), home);
                run(home, c, k, random);
                cuts++;
                List<String> now = listing(j);
                String where = c.name() + ": power cut at I/O " + k + " of " + ios + " (seed " + SEED + ")";
                assertTrue(now.equals(old) || now.equals(fresh), where + " left\n" + now + "\nold\n" + old
                        + "\nnew\n" + fresh);
                LvmSettings s = new LvmSettings(new LvmHome(home), "next command", false, 1000);
                try (VgSession v = VgSession.open(s, "vg0", true)) {
                    ThinPools.resolvePending(v, QUIET);
                }
                boolean thinCheck = sample.contains(k);
                thinChecks += thinCheck ? 1 : 0;
                try {
                    PoolChecks.check(home, "vg0", thinCheck, tmp);
                } catch (AssertionError e) {
                    throw new AssertionError(where + ": " + e.getMessage(), e);
                }
                assertTrue(listing(j).equals(old) || listing(j).equals(fresh), where + " after resolving");
            }
        }
        System.out.println("VgWriteCrashTest: " + cuts + " power cuts, " + thinChecks + " thin_check runs, "
                + (System.currentTimeMillis() - start) + " ms");
        assertTrue(cuts > 100, "too few cuts: " + cuts);
    }

    /**
     * A fault between the VG write and the pool metadata write of a thin create, a thin remove and a pool resize
     * (and at every other I/O): the next command finishes or drops what is pending and says so on stderr, never
     * silently, and the pool then agrees with the VG.
     */
    @Test
    void interruptedThinChangesAreFinishedWithAMessage() throws Exception {
        Random random = new Random(SEED);
        Path base = tmp.resolve("base.img");
        baseVg(base, "8m");
        Path home = tmp.resolve("home");
        JlvmRunner j = new JlvmRunner(home);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        List<Case> cases = cases().stream().filter(c -> List.of("lvcreate thin", "lvremove thin",
                "lvextend pool data", "lvextend pool metadata").contains(c.name())).toList();
        for (Case c : cases) {
            reset(base, tmp.resolve("work.img"), tmp.resolve("base-home"), home);
            if (c.name().equals("lvremove thin")) {
                j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
                Files.copy(tmp.resolve("work.img"), base, StandardCopyOption.REPLACE_EXISTING);
            }
            long ios = run(home, c, Long.MAX_VALUE, random);
            for (long k = 1; k <= ios; k++) {
                reset(base, tmp.resolve("work.img"), tmp.resolve("base-home"), home);
                run(home, c, k, random);
                JlvmRunner.Result next = j.run("lvcreate", "-L", "1m", "-n", "probe", "vg0");
                assertTrue(next.rc() == 0, c.name() + " cut at " + k + ": " + next);
                for (String line : next.err().lines().toList()) {
                    if (line.startsWith("  WARNING: Sum of all thin volume sizes")) {
                        continue;
                    }
                    assertTrue(line.matches("  WARNING: Thin pool vg0/pool0 has 1 pending message\\(s\\) of an"
                            + " interrupted command: (sending them \\(transaction_id \\d+ to \\d+\\)"
                            + "|transaction_id matches \\d+, skipping messages)\\.")
                            || line.equals("  WARNING: Thin pool vg0/pool0 metadata resized to the size of its data"
                            + " and metadata volumes (an interrupted resize)."), c.name() + " cut at " + k + ": " + line);
                    seen.add(c.name() + ": " + line.replaceAll("\\d+", "N"));
                }
                PoolChecks.check(home, "vg0", false, tmp);
            }
        }
        System.out.println("messages seen: " + seen);
        for (String c : List.of("lvcreate thin", "lvremove thin")) {
            assertTrue(seen.stream().anyMatch(l -> l.startsWith(c + ": ") && l.contains("sending them")), c + seen);
            assertTrue(seen.stream().anyMatch(l -> l.startsWith(c + ": ") && l.contains("skipping messages")), c + seen);
        }
        for (String c : List.of("lvextend pool data", "lvextend pool metadata")) {
            assertTrue(seen.stream().anyMatch(l -> l.startsWith(c + ": ") && l.contains("metadata resized")), c + seen);
        }
    }

    /**
     * A VG on two PVs (each with its metadata area): a cut between the commits of the two PVs leaves one PV a
     * seqno behind; the next command reads the newer metadata and writes both again.
     */
    @Test
    void powerCutBetweenTheCommitsOfTwoPvs() throws Exception {
        Random random = new Random(SEED);
        Path base = tmp.resolve("base.img");
        Path base2 = tmp.resolve("base-2.img");
        JlvmRunner b = new JlvmRunner(tmp.resolve("base-home"));
        b.ok("pvcreate", "--size", "24m", base.toString(), base2.toString());
        b.ok("vgcreate", "-s", "1m", "vg0", base.toString(), base2.toString());
        b.ok("lvcreate", "--type", "thin-pool", "-L", "16m", "-n", "pool0", "vg0");
        b.ok("lvcreate", "-V", "32m", "-T", "vg0/pool0", "-n", "thin1");
        b.ok("lvcreate", "-L", "12m", "-n", "lin", "vg0");
        List<String> old = listing(b);
        Path home = tmp.resolve("home");
        JlvmRunner j = new JlvmRunner(home);
        int cuts = 0;
        for (Case c : cases().stream().filter(x -> List.of("lvcreate linear", "lvcreate thin", "lvextend pool data")
                .contains(x.name())).toList()) {
            reset(base, tmp.resolve("work.img"), tmp.resolve("base-home"), home);
            long ios = run(home, c, Long.MAX_VALUE, random);
            List<String> fresh = listing(j);
            for (long k = 1; k <= ios; k++) {
                reset(base, tmp.resolve("work.img"), tmp.resolve("base-home"), home);
                run(home, c, k, random);
                cuts++;
                List<String> now = listing(j);
                String where = c.name() + ": power cut at I/O " + k + " of " + ios + " over two PVs (seed " + SEED + ")";
                assertTrue(now.equals(old) || now.equals(fresh), where + " left " + now);
                j.ok("lvcreate", "-L", "1m", "-n", "probe", "vg0");
                assertEquals(seqno(tmp.resolve("work.img")), seqno(tmp.resolve("work-2.img")), where
                        + ": both PVs carry the next command's seqno");
                PoolChecks.check(home, "vg0", false, tmp);
            }
        }
        System.out.println("VgWriteCrashTest two PVs: " + cuts + " power cuts");
    }

    /** The PV {@code base} (64 MiB, 1 MiB extents) with vg0: a 16 MiB pool0 and thin1 of {@code thinSize}. */
    private JlvmRunner baseVg(Path base, String thinSize) {
        System.out.println("VgWriteCrashTest seed " + SEED + " (-Djlvm.crash.seed=" + SEED + " to repeat)");
        JlvmRunner b = new JlvmRunner(tmp.resolve("base-home"));
        b.ok("pvcreate", "--size", "64m", base.toString());
        b.ok("vgcreate", "-s", "1m", "vg0", base.toString());
        b.ok("lvcreate", "--type", "thin-pool", "-L", "16m", "-n", "pool0", "vg0");
        b.ok("lvcreate", "-V", thinSize, "-T", "vg0/pool0", "-n", "thin1");
        return b;
    }

    private static long seqno(Path pv) throws IOException {
        try (org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile f = org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile.open(pv, true)) {
            return f.readVg().orElseThrow().vg().seqno();
        }
    }

    private static List<String> listing(JlvmRunner j) {
        return j.ok("lvs", "-a", "-o", "lv_name,lv_size,pool_lv,origin,seg_pe_ranges", "--units", "s",
                "--noheadings", "--separator", ":").rows().stream()
                .map(r -> r.replaceAll("[^:]*-2\\.img:", "pv2:").replaceAll("[^:]*\\.img:", "pv:"))
                .toList();
    }

    /** Fresh copy of the base PV at {@code work}, a home whose devices file lists it. */
    private static void reset(Path base, Path work, Path baseHome, Path home) throws IOException {
        Files.copy(base, work, StandardCopyOption.REPLACE_EXISTING);
        Path second = base.resolveSibling("base-2.img");
        if (Files.exists(second)) {
            Files.copy(second, work.resolveSibling("work-2.img"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path devices = new LvmHome(home).devicesFile();
        if (!Files.exists(devices)) {
            Files.createDirectories(devices.getParent());
            Files.writeString(devices, Files.readString(new LvmHome(baseHome).devicesFile())
                    .replace(base.toString(), work.toString()).replace(second.toString(),
                            work.resolveSibling("work-2.img").toString()));
        }
    }

    /**
     * Runs {@code c} with the PV behind a fault-injecting device that fails its {@code failAt}th I/O and every
     * later one, then cuts the power (dropping unflushed writes, or keeping a random subset of them).
     * Returns the I/Os the run made.
     */
    private static long run(Path home, Case c, long failAt, Random random) throws IOException {
        AtomicLong ios = new AtomicLong();
        List<FaultyBlockDevice> devs = new ArrayList<>();
        PvSet.Opener opener = (path, writable) -> {
            // one I/O sequence over all PVs, so the cut can fall between the commits of two PVs
            FaultyBlockDevice f = new FaultyBlockDevice(FileBlockDevice.open(path, !writable), ios);
            if (failAt != Long.MAX_VALUE) {
                f.failAfter(Math.max(1, failAt - ios.get()));
            }
            devs.add(f);
            return new ForwardingBlockDevice(f) {
                @Override
                public void close() {
                    // the power cut comes after the command, then the device is closed
                }
            };
        };
        LvmSettings s = new LvmSettings(new LvmHome(home), c.name(), false, 1000);
        try (VgSession v = VgSession.open(s, "vg0", true, opener)) {
            c.op().run(v);
        } catch (IOException | RuntimeException e) {
            if (failAt == Long.MAX_VALUE || devs.stream().allMatch(d -> d.injectedFaults() == 0)) {
                throw e;
            }
        }
        boolean subset = random.nextBoolean();
        for (FaultyBlockDevice f : devs) {
            if (subset) {
                f.crash(CrashMode.SUBSET, random);
            } else {
                f.crash();
            }
            f.close();
        }
        return ios.get();
    }
}
