package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jlvm.tools.bench.ThinPoolBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code thin_bench}: developer benchmark of the thin pool engine (prints rates and ratios, asserts nothing). */
@Command(name = "thin_bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the thin pool engine on files: 4 KiB random first writes and overwrites against "
                + "plain file writes, reads at snapshot depth 1/10/50/200, flushes per second. One name=value a line.")
final class ThinBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "directory for the scratch files (default: a new "
            + "temporary directory)")
    Path dir;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2", description = "seconds per phase "
            + "(default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4", description = "I/O threads (default "
            + "${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--data-block-size", paramLabel = "SECTORS", defaultValue = "128",
            description = "data block size in sectors (default ${DEFAULT-VALUE})")
    int blockSectors;

    @Option(names = "--data-blocks", paramLabel = "N", defaultValue = "16384",
            description = "data blocks (default ${DEFAULT-VALUE}; the files are sparse)")
    long dataBlocks;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path d = dir != null ? dir : Files.createTempDirectory("thin_bench");
        Files.createDirectories(d);
        Map<String, Double> r = new ThinPoolBench(d, Duration.ofMillis((long) (seconds * 1000)), threads,
                blockSectors, dataBlocks).run();
        for (Map.Entry<String, Double> e : r.entrySet()) {
            out.println(e.getKey() + "=" + String.format(Locale.ROOT, e.getKey().contains("ratio") ? "%.3f" : "%.0f",
                    e.getValue()));
        }
        out.flush();
        if (dir == null) {
            Files.deleteIfExists(d);
        }
        return 0;
    }
}
