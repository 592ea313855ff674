package org.jlvm.tools.command;

import java.nio.file.Path;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.trim.ThinTrim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thin_trim}: discards the unused data blocks of a pool's data device. */
@Command(name = "thin_trim", description = "Discard the data blocks a pool does not use.")
final class ThinTrimCommand extends ThinToolCommand {
    static final String USAGE = """
            Usage: thin_trim [options] --metadata-dev {device|file} --data-dev {device|file}
            Options:
              {-h|--help}
              {-V|--version}
            """;

    @Option(names = "--metadata-dev", paramLabel = "DEV")
    Path metadataDev;

    @Option(names = "--data-dev", paramLabel = "DEV")
    Path dataDev;

    ThinTrimCommand() {
        super(USAGE);
    }

    @Override
    int execute() throws ToolException {
        if (metadataDev == null || dataDev == null) {
            err().print(USAGE);
            err().flush();
            return 1;
        }
        ThinTrim.trim(metadataDev, dataDev);
        return 0;
    }
}
