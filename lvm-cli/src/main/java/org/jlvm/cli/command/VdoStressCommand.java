package org.jlvm.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jlvm.cli.ExitCodes;
import org.jlvm.dedup.DedupOptions;
import org.jlvm.dedup.DedupStress;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.tools.command.Sizes;
import org.jlvm.tools.command.StressRunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vdo_stress}: the dedup layer's model-checked random workload, with optional simulated crashes. */
@Command(name = "vdo_stress", mixinStandardHelpOptions = true,
        description = "Format FILE as a dedup device and run random writes, reads, discards and flushes "
                + "checked against a model; with --crash-every, simulate power cuts and check recovery.")
public final class VdoStressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backing", required = true, paramLabel = "FILE", description = "backing file (created or resized)")
    Path backing;

    @Option(names = "--physical-size", required = true, paramLabel = "SIZE", converter = Sizes.Converter.class,
            description = "size of the backing file")
    long physicalSize;

    @Option(names = "--logical-size", required = true, paramLabel = "SIZE", converter = Sizes.Converter.class,
            description = "logical size of the dedup device (multiple of 4 KiB)")
    long logicalSize;

    @Mixin
    StressRunOptions run;

    @Option(names = "--faults", paramLabel = "KIND", defaultValue = "POWER_CUT",
            description = "the fault: POWER_CUT, FAIL_ONCE (one I/O fails), FAIL_RANGE (a run of I/Os fails), "
                    + "FAIL_FLUSH (a flush fails and loses cached writes) or MIXED; default ${DEFAULT-VALUE}")
    DedupStress.Faults faults;

    @Option(names = "--crash-mode", paramLabel = "MODE", defaultValue = "SUBSET",
            description = "what survives a power cut: DROP_ALL or SUBSET (random sectors), default ${DEFAULT-VALUE}")
    CrashMode crashMode;

    @Option(names = "--index-slots", paramLabel = "N", defaultValue = "0",
            description = "fingerprint index slots (12 bytes of RAM each; 0: one per backing block, at most 4M)")
    int indexSlots;

    @Option(names = "--input", paramLabel = "FILE",
            description = "write FILE from offset 0 first, flush, reopen and compare")
    Path input;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (logicalSize <= 0 || logicalSize % 4096 != 0) {
            throw new IllegalArgumentException("--logical-size must be a positive multiple of 4096");
        }
        if (!run.valid()) {
            throw new IllegalArgumentException("--ops and --crash-every must not be negative");
        }
        DedupStress.Config cfg = new DedupStress.Config(logicalSize, run.seed(), run.ops(), run.crashEvery(),
                crashMode, Math.max(indexSlots, DedupOptions.AUTO_INDEX_SLOTS), input, faults);
        DedupStress.Result r;
        Logger dedupLog = Logger.getLogger("org.jlvm.dedup");
        Level level = dedupLog.getLevel();
        if (run.crashEvery() > 0) {
            dedupLog.setLevel(Level.OFF); // the injected faults' errors are expected
        }
        try (FileBlockDevice file = FileBlockDevice.create(backing, physicalSize / 4096 * 4096)) {
            r = DedupStress.run(file, cfg);
        } finally {
            dedupLog.setLevel(level);
        }
        for (String p : r.problems()) {
            out.println("mismatch: " + p);
        }
        if (input != null) {
            out.printf("input: write %.1f MB/s, read back %.1f MB/s%n", r.inputMBps(), r.inputReadMBps());
        }
        out.printf("index: %d entries, %d hits, %d misses; compressed fragments %d in %d blocks; raw blocks %d%n",
                r.statistics().indexEntries(), r.statistics().indexHits(), r.statistics().indexMisses(),
                r.statistics().compressedFragmentsWritten(), r.statistics().compressedBlocksWritten(),
                r.statistics().rawBlocksWritten());
        if (run.crashEvery() > 0) {
            out.printf("faults: %d struck inside operations (%s)%n", r.faultsInjected(), faults);
        }
        out.println(r.summaryLine());
        out.flush();
        return r.mismatches() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
