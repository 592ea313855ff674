package org.jlvm.tools.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.rmap.ThinRmap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thin_rmap}: reverse map of data-block regions to thin devices. */
@Command(name = "thin_rmap", description = "Show which thin devices map the given data blocks.")
final class ThinRmapCommand extends ThinToolCommand {
    @Option(names = "--region", paramLabel = "B..E")
    List<String> regions = new ArrayList<>();

    @Mixin
    DeviceArgument device;

    ThinRmapCommand() {
        super(Usage.THIN_RMAP);
    }

    @Override
    int execute() throws ToolException, IOException {
        List<ThinRmap.Region> rs = new ArrayList<>();
        try {
            for (String r : regions) {
                rs.add(ThinRmap.parseRegion(r));
            }
        } catch (ToolException e) {
            // 0.9.0 ends this message without a line end
            err().print(e.getMessage());
            err().flush();
            return 1;
        }
        if (device.missing() || rs.isEmpty()) {
            return usageError(device.missing() ? "No input file provided." : "No regions provided.");
        }
        try (MetadataFile f = device.open(false)) {
            out().print(ThinRmap.rmap(f, rs));
            out().flush();
            return 0;
        }
    }
}
