package org.jlvm.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.cli.ExitCodes;
import org.jlvm.dedup.DedupDevice;
import org.jlvm.dedup.DedupOptions;
import org.jlvm.dedup.format.Superblock;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.tools.command.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vdoformat}: writes an empty dedup layout onto a file (created with --size if missing). */
@Command(name = "vdoformat", mixinStandardHelpOptions = true,
        description = "Format a file as an empty dedup device.")
public final class VdoFormatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--logical-size", required = true, paramLabel = "SIZE", converter = Sizes.Converter.class,
            description = "logical size (may exceed the physical size)")
    long logicalSize;

    @Option(names = "--size", paramLabel = "SIZE", converter = Sizes.Converter.class,
            description = "create or resize the file to this physical size first")
    Long size;

    @Option(names = "--index-slots", paramLabel = "N", defaultValue = "0",
            description = "fingerprint index slots (0: automatic)")
    int indexSlots;

    @Parameters(paramLabel = "FILE", description = "the backing file")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (logicalSize <= 0 || logicalSize % 4096 != 0) {
            throw new IllegalArgumentException("--logical-size must be a positive multiple of 4096");
        }
        BlockDevice dev = size != null ? FileBlockDevice.create(file, size / 4096 * 4096)
                : FileBlockDevice.open(file, false);
        Superblock sb;
        try (DedupDevice d = DedupDevice.format(dev,
                DedupOptions.ofLogicalSize(logicalSize).withIndexSlots(indexSlots))) {
            sb = d.superblock();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Formatted %s: %d logical blocks, %d data blocks, %d overhead blocks%n", file,
                sb.logicalBlocks(), sb.dataBlocks(), sb.overheadBlocks());
        out.flush();
        return ExitCodes.OK;
    }
}
