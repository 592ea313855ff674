package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.tools.stress.ThinIoStress;
import org.jlvm.tools.stress.ThinStress;
import org.jlvm.tools.stress.ThinStressOptions;
import org.jlvm.tools.stress.ThinStressResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code thin_stress}: random operations on dm-thin metadata, checked against a model. */
@Command(name = "thin_stress", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply random operations to dm-thin pool metadata, check every lookup against an "
                + "in-memory model, optionally simulate power cuts. The last line summarises the state on disk.")
final class ThinStressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--metadata", required = true, paramLabel = "FILE",
            description = "metadata file (created and formatted if absent)")
    Path metadata;

    @Option(names = "--data-blocks", required = true, paramLabel = "N", description = "data blocks in the pool")
    long dataBlocks;

    @Mixin
    StressRunOptions run;

    @Option(names = "--data-block-size", paramLabel = "SECTORS", defaultValue = "128",
            description = "data block size in 512-byte sectors (default ${DEFAULT-VALUE})")
    int dataBlockSize;

    @Option(names = "--metadata-size", paramLabel = "SIZE", defaultValue = "8M",
            description = "size of a new metadata file (default ${DEFAULT-VALUE})")
    String metadataSize;

    @Option(names = "--io", description = "also read and write data through thin volumes, checking every read")
    boolean io;

    @Option(names = "--data", paramLabel = "FILE",
            description = "data file for --io (created sparse if absent, data blocks x block size)")
    Path data;

    @Option(names = "--crash-mode", paramLabel = "MODE", defaultValue = "drop",
            description = "what survives a simulated power cut: drop (nothing un-flushed) or subset (a random "
                    + "subset of the un-flushed sectors); default ${DEFAULT-VALUE}")
    String crashMode;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long mdBytes;
        try {
            mdBytes = Sizes.parseBytes(metadataSize);
        } catch (IllegalArgumentException e) {
            err.println("thin_stress: --metadata-size: " + e.getMessage());
            return 1;
        }
        if (dataBlocks <= 0 || !run.valid() || dataBlockSize <= 0 || mdBytes < 64 * 1024) {
            err.println("thin_stress: --data-blocks and --data-block-size must be positive, --ops and "
                    + "--crash-every not negative, --metadata-size at least 64k");
            return 1;
        }
        CrashMode mode;
        if ("drop".equals(crashMode)) {
            mode = CrashMode.DROP_ALL;
        } else if ("subset".equals(crashMode)) {
            mode = CrashMode.SUBSET;
        } else {
            err.println("thin_stress: --crash-mode must be drop or subset, not " + crashMode);
            return 1;
        }
        if (io != (data != null)) {
            err.println("thin_stress: --io and --data FILE go together");
            return 1;
        }
        if (io && dataBlockSize % 8 != 0) {
            err.println("thin_stress: with --io, --data-block-size must be a multiple of 8 sectors");
            return 1;
        }
        ThinStressOptions o = new ThinStressOptions(metadata, dataBlocks, run.seed(), run.ops(), dataBlockSize,
                mdBytes, run.crashEvery(), io ? data : null, mode);
        Progress progress = new Progress(err, run.ops());
        ThinStressResult r = io ? new ThinIoStress(o).run(progress::update) : new ThinStress(o).run(progress::update);
        progress.done();
        for (String p : r.problems()) {
            err.println("thin_stress: mismatch: " + p);
        }
        out.println("commits=" + r.commits() + " space_recoveries=" + r.spaceRecoveries());
        out.println(r.summaryLine());
        out.flush();
        return r.mismatches() == 0 ? 0 : 1;
    }
}
