package org.jlvm.tools.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jlvm.pool.testing.RealThinTools;
import org.jlvm.tools.generate.PoolGenerator;
import org.jlvm.tools.ir.ThinPool;
import org.jlvm.tools.stress.ThinStress;
import org.jlvm.tools.stress.ThinStressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded damage ({@link MetadataDamage}) on the dm-thin vectors and on two small pools made by our engine
 * (thin_stress) and thin_generate. For every damaged image: each tool run in-process exits 0 or 1 with at most
 * a one-line error message and never a stack trace or a Java exception name; our thin_check never accepts what
 * the real 0.9.0 thin_check (or 1.1.0's, when present) rejects; and every image our thin_repair writes passes
 * the real thin_check. The real tools run only where their verdict matters (our thin_check said 0, our
 * thin_repair said 0). Seed: {@code -Djlvm.fuzz.seed=N}; cases: {@code -Djlvm.fuzz.cases=N}.
 */
class DamagedMetadataFuzzTest {
    private static final Pattern JAVA_TROUBLE = Pattern.compile("\\tat |[A-Z]\\w*(Exception|Error)\\b");
    private static final String[] VECTORS = {"v1_empty", "v2_one_thin", "v3_snapshots", "v4_many", "v5_metasnap",
        "v6_shadowed", "v7_needs_check"};

    @TempDir
    Path dir;

    private final Map<String, Integer> stats = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> repairedAndChecked = new java.util.HashSet<>();
    private final Map<String, Long> millis = new LinkedHashMap<>();

    @Test
    void damagedMetadataNeverCrashesAToolNorPassesOurCheckAlone() throws IOException {
        run(Long.getLong("jlvm.fuzz.seed", 20261204L), Integer.getInteger("jlvm.fuzz.cases", 400));
    }

    @Test
    @Tag("stress")
    void manyMoreDamagedImages() throws IOException {
        run(Long.getLong("jlvm.fuzz.seed", System.nanoTime()), Integer.getInteger("jlvm.fuzz.cases", 4000));
    }

    private void run(long seed, int cases) throws IOException {
        System.out.println("DamagedMetadataFuzzTest seed=" + seed + " cases=" + cases
                + " (rerun: -Djlvm.fuzz.seed=" + seed + ")");
        boolean with1x = RealThinTools.pdataTools1x().isPresent();
        if (!with1x) {
            System.out.println("DamagedMetadataFuzzTest: 1.1.0 verdicts skipped: " + RealThinTools.missing1xReason());
        }
        Map<String, byte[]> images = images();
        MetadataDamage gen = new MetadataDamage(seed);
        List<String> names = new ArrayList<>(images.keySet());
        // 1.1.0 sleeps about half a second in every run (its progress thread): those runs go in parallel.
        ExecutorService slow = Executors.newFixedThreadPool(16);
        List<Future<String>> verdicts1x = new ArrayList<>();
        try {
            for (int i = 0; i < cases; i++) {
                String base = names.get(i % names.size());
                MetadataDamage.Damaged dmg = gen.damage(images.get(base));
                String label = "seed " + seed + " case " + i + ": " + base + ", " + dmg.what();
                Path img = dir.resolve("case" + i + ".bin");
                Files.write(img, dmg.image());
                boolean accepted = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> oneCase(img, label), label);
                if (accepted && with1x) {
                    verdicts1x.add(slow.submit(() -> verdict1x(img, label)));
                } else {
                    Files.delete(img);
                }
            }
            for (Future<String> f : verdicts1x) {
                String problem = f.get(5, TimeUnit.MINUTES);
                if (problem != null) {
                    fail(problem);
                }
            }
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            slow.shutdownNow();
        }
        System.out.println("DamagedMetadataFuzzTest " + stats + " milliseconds " + millis);
    }

    /** Null when 1.1.0 also accepts {@code img}, else what went wrong. */
    private String verdict1x(Path img, String label) throws IOException {
        RealThinTools.Run real1x = RealThinTools.run1x("thin_check", img.toString());
        count("real launches");
        String problem = real1x.rc() == 0 ? null
                : label + ": our thin_check accepts what 1.1.0 rejects:\n" + real1x.combined();
        Files.delete(img);
        return problem;
    }

    /** Runs every tool on {@code img}; returns whether our thin_check accepted it. */
    private boolean oneCase(Path img, String label) throws IOException {
        String p = img.toString();
        ToolHarness.Result check = tool(label, "thin_check", p);
        tool(label, "thin_dump", p);
        tool(label, "thin_dump", "-r", p);
        tool(label, "thin_ls", p);
        tool(label, "thin_rmap", "--region", "0..5000", p);
        tool(label, "thin_delta", "--snap1", "0", "--snap2", "1", p);
        Path out = ToolHarness.blank(dir.resolve("repaired.bin"), 4 << 20);
        ToolHarness.Result repair = tool(label, "thin_repair", "-i", p, "-o", out.toString());

        if (check.rc() == 0) {
            count("ours accepted");
            long t0 = System.nanoTime();
            RealThinTools.Run real = RealThinTools.run090("thin_check", p);
            millis.merge("real", (System.nanoTime() - t0) / 1_000_000, Long::sum);
            count("real launches");
            if (real.rc() != 0) {
                fail(label + ": our thin_check accepts what 0.9.0 rejects:\n" + real.combined() + "\nours:\n"
                        + check.combined());
            }
        } else {
            count("ours rejected");
        }
        if (repair.rc() == 0) {
            count("repaired");
            // the same bytes get the same verdict: many damages leave the same repaired pool
            String key = sha256(out);
            if (!repairedAndChecked.contains(key)) {
                RealThinTools.Run verdict = RealThinTools.run090("thin_check", out.toString());
                count("real launches");
                assertEquals(0, verdict.rc(), label + ": our thin_repair wrote metadata the real thin_check "
                        + "rejects:\n" + verdict.combined() + "\nrepair said: " + repair.err());
                repairedAndChecked.add(key);
            }
        }
        return check.rc() == 0;
    }

    private static String sha256(Path p) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs one of our tools and checks how it ends: 0 or 1, at most one line of error, no Java trouble. */
    private ToolHarness.Result tool(String label, String tool, String... args) {
        long t0 = System.nanoTime();
        ToolHarness.Result r = ToolHarness.ours(tool, args);
        millis.merge(tool, (System.nanoTime() - t0) / 1_000_000, Long::sum);
        String what = label + "\n" + tool + " " + String.join(" ", args) + "\n" + r.combined();
        assertTrue(r.rc() == 0 || r.rc() == 1, what);
        assertTrue(!JAVA_TROUBLE.matcher(r.err()).find(), "a Java exception got out: " + what);
        if (!tool.equals("thin_check") && !(tool.equals("thin_repair") && r.rc() == 0)) {
            assertTrue(errorLines(tool, r.err()) <= 1, "more than one line of error: " + what);
        }
        return r;
    }

    /**
     * Lines of error message in {@code err}, not counting the usage text 0.9.0's thin_delta adds after its
     * message and counting 0.9.0's two-line "metadata contains errors" message as one.
     */
    static int errorLines(String tool, String err) {
        String e = err.replace(ThinPool.DAMAGED, "damaged");
        if (tool.equals("thin_delta")) {
            e = e.replace(Usage.THIN_DELTA, "");
        }
        return (int) e.lines().filter(l -> !l.isBlank()).count();
    }

    private void count(String what) {
        stats.merge(what, 1, Integer::sum);
    }

    /** The vectors, a pool our engine wrote (thin_stress: snapshots, shared subtrees) and a thin_generate pool. */
    private Map<String, byte[]> images() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String v : VECTORS) {
            out.put(v, Files.readAllBytes(ToolHarness.image(dir, v)));
        }
        Path stress = dir.resolve("stress.bin");
        new ThinStress(new ThinStressOptions(stress, 20_000, 7, 600, 128, 2 << 20, 0)).run(x -> { });
        out.put("thin_stress", Files.readAllBytes(stress));
        Path gen = dir.resolve("generated.bin");
        PoolGenerator.generate(new PoolGenerator.Spec(gen, 2 << 20, 2, 2, 3000, 128, 10, 5), x -> { });
        out.put("thin_generate", Files.readAllBytes(gen));
        return out;
    }
}
