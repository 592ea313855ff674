package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.tools.stress.ThinStress;
import org.jlvm.tools.stress.ThinStressOptions;
import org.jlvm.tools.stress.ThinStressResult;
import picocli.CommandLine.Command;
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

    @Option(names = "--seed", required = true, paramLabel = "S", description = "random seed")
    long seed;

    @Option(names = "--ops", required = true, paramLabel = "K", description = "number of operations")
    long ops;

    @Option(names = "--data-block-size", paramLabel = "SECTORS", defaultValue = "128",
            description = "data block size in 512-byte sectors (default ${DEFAULT-VALUE})")
    int dataBlockSize;

    @Option(names = "--metadata-size", paramLabel = "SIZE", defaultValue = "8M",
            description = "size of a new metadata file (default ${DEFAULT-VALUE})")
    String metadataSize;

    @Option(names = "--crash-every", paramLabel = "N", defaultValue = "0",
            description = "simulate a power cut every N operations (0: never)")
    long crashEvery;

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
        if (dataBlocks <= 0 || ops < 0 || crashEvery < 0 || dataBlockSize <= 0 || mdBytes < 64 * 1024) {
            err.println("thin_stress: --data-blocks and --data-block-size must be positive, --ops and "
                    + "--crash-every not negative, --metadata-size at least 64k");
            return 1;
        }
        ThinStressOptions o = new ThinStressOptions(metadata, dataBlocks, seed, ops, dataBlockSize, mdBytes,
                crashEvery);
        Progress progress = new Progress(err, ops);
        ThinStressResult r = new ThinStress(o).run(progress::update);
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
