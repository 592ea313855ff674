package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.tools.generate.PoolGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code thin_generate}: builds a large pool (origins + snapshots) for benchmarks. */
@Command(name = "thin_generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build pool metadata with many mappings (origins, then diverging snapshots) through the "
                + "normal write path, for benchmarks.")
final class ThinGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--metadata", required = true, paramLabel = "FILE", description = "metadata file to create")
    Path metadata;

    @Option(names = "--metadata-size", defaultValue = "4G", paramLabel = "SIZE",
            description = "size of the (sparse) metadata file (default ${DEFAULT-VALUE})")
    String metadataSize;

    @Option(names = "--origins", defaultValue = "10", description = "origin devices (default ${DEFAULT-VALUE})")
    int origins;

    @Option(names = "--snapshots-per-origin", defaultValue = "10",
            description = "snapshots of each origin (default ${DEFAULT-VALUE})")
    int snapshots;

    @Option(names = "--mappings", required = true, paramLabel = "N",
            description = "total mappings over all devices, e.g. 20000000")
    long mappings;

    @Option(names = "--data-block-size", defaultValue = "128", paramLabel = "SECTORS",
            description = "data block size in sectors (default ${DEFAULT-VALUE} = 64 KiB)")
    int dataBlockSize;

    @Option(names = "--overwrite-permille", defaultValue = "10",
            description = "blocks each snapshot overwrites, per thousand (default ${DEFAULT-VALUE})")
    int overwritePermille;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--force", description = "replace an existing file")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(metadata) && !force) {
            err.println("thin_generate: " + metadata + " exists; use --force to replace it");
            return 1;
        }
        if (origins <= 0 || snapshots < 0 || mappings <= 0 || overwritePermille < 0 || overwritePermille > 1000) {
            err.println("thin_generate: --origins and --mappings must be positive, --snapshots-per-origin not "
                    + "negative, --overwrite-permille within 0..1000");
            return 1;
        }
        Files.deleteIfExists(metadata);
        Progress progress = new Progress(err, mappings);
        PoolGenerator.Result r = PoolGenerator.generate(new PoolGenerator.Spec(metadata,
                Sizes.parseBytes(metadataSize), origins, snapshots, mappings, dataBlockSize, overwritePermille, seed),
                progress::update);
        progress.done();
        out.printf("devices=%d mappings=%d metadata_blocks=%d data_blocks=%d seconds=%.1f bytes_per_mapping=%.1f%n",
                r.devices(), r.mappings(), r.metadataBlocksUsed(), r.dataBlocksUsed(), r.seconds(),
                r.metadataBlocksUsed() * 4096.0 / r.mappings());
        return 0;
    }
}
