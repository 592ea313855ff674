package org.jlvm.tools.command;

import java.io.IOException;
import java.util.List;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.ls.ThinLs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thin_ls}: lists the thin devices of a pool. */
@Command(name = "thin_ls", description = "List thin devices and their usage.")
final class ThinLsCommand extends ThinToolCommand {
    @Option(names = {"-m", "--metadata-snap"})
    boolean metadataSnap;

    @Option(names = "--no-headers")
    boolean noHeaders;

    @Option(names = {"-o", "--format"}, paramLabel = "FIELDS")
    String format;

    @Mixin
    DeviceArgument device;

    ThinLsCommand() {
        super(Usage.THIN_LS);
    }

    @Override
    int execute() throws ToolException, IOException {
        List<ThinLs.Field> fields = format == null ? ThinLs.DEFAULT : ThinLs.parseFields(format);
        if (device.missing()) {
            return usageError("No input file provided.");
        }
        try (MetadataFile f = device.open(false)) {
            out().print(ThinLs.list(f, metadataSnap ? 0L : null, fields, !noHeaders));
            out().flush();
        }
        return 0;
    }
}
