package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.repair.Repair;
import org.jlvm.tools.restore.Repairer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code thin_repair}: rebuilds consistent metadata from damaged metadata. */
@Command(name = "thin_repair", description = "Repair thin-provisioning metadata onto a new device or file.")
final class ThinRepairCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions std;

    @Option(names = {"-i", "--input"}, paramLabel = "DEV")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DEV")
    Path output;

    @Mixin
    OverrideOptions overrides;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer early = std.handle(out, Usage.THIN_REPAIR);
        if (early != null) {
            return early;
        }
        if (input == null || output == null) {
            err.println(input == null ? "no input file provided" : "No output file provided.");
            err.print(Usage.THIN_REPAIR);
            err.flush();
            return 1;
        }
        List<String> lost = new ArrayList<>();
        try {
            Repairer.repair(input, output, overrides.parse(), lost);
            for (String l : lost) {
                err.println("thin_repair: " + l);
            }
            err.flush();
            return 0;
        } catch (ToolException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }
}
