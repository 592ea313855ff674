package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.repair.Repair;
import org.jlvm.tools.restore.RestoreOverrides;
import org.jlvm.tools.restore.Restorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code thin_restore}: builds pool metadata from thin_dump XML. */
@Command(name = "thin_restore", description = "Restore thin-provisioning metadata from XML.")
final class ThinRestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions std;

    @Option(names = {"-i", "--input"}, paramLabel = "XML")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DEV")
    Path output;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Mixin
    OverrideOptions overrides;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer early = std.handle(out, Usage.THIN_RESTORE);
        if (early != null) {
            return early;
        }
        if (input == null || output == null) {
            err.println(input == null ? "No input file provided." : "No output file provided.");
            err.println();
            err.print(Usage.THIN_RESTORE);
            err.flush();
            return 1;
        }
        try {
            Repair.Overrides o = overrides.parse();
            Progress p = new Progress(err, Files.exists(input) ? Files.size(input) : 0);
            Restorer.restore(input, output, new RestoreOverrides(o.transactionId(), o.dataBlockSize(),
                    o.nrDataBlocks()), quiet ? null : p::update);
            p.done();
            return 0;
        } catch (ToolException | java.io.IOException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }
}
