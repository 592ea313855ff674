package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.trim.ThinTrim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code thin_trim}: discards the unused data blocks of a pool's data device. */
@Command(name = "thin_trim", description = "Discard the data blocks a pool does not use.")
final class ThinTrimCommand implements Callable<Integer> {
    static final String USAGE = """
            Usage: thin_trim [options] --metadata-dev {device|file} --data-dev {device|file}
            Options:
              {-h|--help}
              {-V|--version}
            """;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions std;

    @Option(names = "--metadata-dev", paramLabel = "DEV")
    Path metadataDev;

    @Option(names = "--data-dev", paramLabel = "DEV")
    Path dataDev;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer early = std.handle(out, USAGE);
        if (early != null) {
            return early;
        }
        if (metadataDev == null || dataDev == null) {
            err.print(USAGE);
            err.flush();
            return 1;
        }
        try {
            ThinTrim.trim(metadataDev, dataDev);
            return 0;
        } catch (ToolException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }
}
