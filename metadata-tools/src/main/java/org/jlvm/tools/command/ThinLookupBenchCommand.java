package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.tools.generate.LookupBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code thin_lookup_bench}: opens metadata with a bounded cache and times random lookups. */
@Command(name = "thin_lookup_bench", mixinStandardHelpOptions = true,
        description = "Open pool metadata with a bounded block cache and time random mapping lookups.")
final class ThinLookupBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "METADATA")
    Path metadata;

    @Option(names = "--cache", defaultValue = "64M", description = "block cache size (default ${DEFAULT-VALUE})")
    String cache;

    @Option(names = "--lookups", defaultValue = "1000000", description = "lookups (default ${DEFAULT-VALUE})")
    long lookups;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LookupBench.Result r = LookupBench.run(metadata, Sizes.parseBytes(cache), lookups, 1);
        out.printf("open_ms=%.1f lookups=%d hits=%d us_per_lookup=%.2f blocks_read_per_lookup=%.3f heap_mb=%.0f%n",
                r.openMillis(), r.lookups(), r.hits(), r.lookupMicros(), r.blocksReadPerLookup(),
                r.heapUsedBytes() / 1048576.0);
        return 0;
    }
}
