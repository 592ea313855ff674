package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** The thin tools and developer drivers this module provides, for the CLI's dispatcher. */
public final class ToolCommands {
    /** A tool: its name (also the name of its link), a one-line summary and a factory of picocli commands. */
    public record Tool(String name, String summary, Supplier<Object> factory) {
    }

    private ToolCommands() {
    }

    /**
     * The tool {@code name} ready to run on {@code args} without picocli, writing to {@code out} and {@code err}; or
     * null when it is not one of the quick tools or its command line needs picocli (help, errors, unusual forms).
     * The common runs of thin_check, thin_dump and thin_restore start much faster this way.
     */
    public static Callable<Integer> quick(String name, String[] args, PrintWriter out, PrintWriter err) {
        ThinToolCommand c = switch (name) {
            case "thin_check" -> new ThinCheckCommand();
            case "thin_dump" -> new ThinDumpCommand();
            case "thin_restore" -> new ThinRestoreCommand();
            default -> null;
        };
        return c != null && c.quickParse(args, out, err) ? c : null;
    }

    public static List<Tool> all() {
        return List.of(
                new Tool("thin_stress", "random operations on dm-thin metadata, checked against a model",
                        ThinStressCommand::new),
                new Tool("thin_generate", "build a large pool (origins + snapshots) for benchmarks",
                        ThinGenerateCommand::new),
                new Tool("thin_lookup_bench", "time random lookups with a bounded block cache",
                        ThinLookupBenchCommand::new),
                new Tool("thin_bench", "developer benchmark of the thin pool engine (rates and ratios)",
                        ThinBenchCommand::new),
                new Tool("thin_dump", "dump pool metadata as XML or human-readable text", ThinDumpCommand::new),
                new Tool("thin_restore", "build pool metadata from thin_dump XML", ThinRestoreCommand::new),
                new Tool("thin_check", "check pool metadata", ThinCheckCommand::new),
                new Tool("thin_repair", "rebuild consistent metadata from damaged metadata", ThinRepairCommand::new),
                new Tool("thin_metadata_pack", "compress a metadata image for a bug report",
                        ThinMetadataPackCommand::pack),
                new Tool("thin_metadata_unpack", "expand a thin_metadata_pack file into an image",
                        ThinMetadataPackCommand::unpack),
                new Tool("thin_trim", "discard the data blocks a pool does not use", ThinTrimCommand::new),
                new Tool("thin_ls", "list thin devices and their usage", ThinLsCommand::new),
                new Tool("thin_delta", "differences between two thin devices", ThinDeltaCommand::new),
                new Tool("thin_rmap", "which thin devices map given data blocks", ThinRmapCommand::new),
                new Tool("thin_metadata_size", "estimate the metadata device size", ThinMetadataSizeCommand::new));
    }
}
