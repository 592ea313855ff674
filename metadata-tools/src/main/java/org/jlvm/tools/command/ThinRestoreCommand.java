package org.jlvm.tools.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.restore.Restorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thin_restore}: builds pool metadata from thin_dump XML. */
@Command(name = "thin_restore", description = "Restore thin-provisioning metadata from XML.")
final class ThinRestoreCommand extends ThinToolCommand {
    @Option(names = {"-i", "--input"}, paramLabel = "XML")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DEV")
    Path output;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Mixin
    OverrideOptions overrides = new OverrideOptions();

    ThinRestoreCommand() {
        super(Usage.THIN_RESTORE);
    }

    @Override
    public String flag(String arg) {
        if (arg.equals("-q") || arg.equals("--quiet")) {
            quiet = true;
            return "--quiet";
        }
        return null;
    }

    @Override
    public String option(String arg, String value) {
        switch (arg) {
            case "-i", "--input" -> {
                input = Path.of(value);
                return "--input";
            }
            case "-o", "--output" -> {
                output = Path.of(value);
                return "--output";
            }
            default -> {
                return overrides.option(arg, value);
            }
        }
    }

    @Override
    int execute() throws ToolException, IOException {
        if (input == null || output == null) {
            // 0.9.0 puts an empty line between the message and the usage here
            return usageError((input == null ? "No input file provided." : "No output file provided.") + "\n");
        }
        Progress p = new Progress(err(), Files.exists(input) ? Files.size(input) : 0);
        Restorer.restore(input, output, overrides.forRestore(), quiet ? null : p::update);
        p.done();
        return 0;
    }
}
