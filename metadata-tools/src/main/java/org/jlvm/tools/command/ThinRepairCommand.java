package org.jlvm.tools.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.repair.Repair;
import org.jlvm.tools.restore.Repairer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thin_repair}: rebuilds consistent metadata from damaged metadata. */
@Command(name = "thin_repair", description = "Repair thin-provisioning metadata onto a new device or file.")
final class ThinRepairCommand extends ThinToolCommand {
    @Option(names = {"-i", "--input"}, paramLabel = "DEV")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DEV")
    Path output;

    @Mixin
    OverrideOptions overrides;

    ThinRepairCommand() {
        super(Usage.THIN_REPAIR);
    }

    @Override
    int execute() throws ToolException {
        if (input == null || output == null) {
            return usageError(input == null ? "no input file provided" : "No output file provided.");
        }
        List<String> lost = new ArrayList<>();
        Repairer.repair(input, output, overrides.parse(), lost);
        for (String l : lost) {
            err().println("thin_repair: " + l);
        }
        err().flush();
        return 0;
    }
}
