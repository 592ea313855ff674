package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.pack.MetadataPack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code thin_metadata_pack} and {@code thin_metadata_unpack}. */
@Command(description = "Pack the non-zero blocks of a metadata image into a compressed file, or unpack one.",
        mixinStandardHelpOptions = true, version = "0.9.0")
final class ThinMetadataPackCommand implements Callable<Integer> {
    private final boolean unpack;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE")
    Path output;

    ThinMetadataPackCommand(boolean unpack) {
        this.unpack = unpack;
    }

    static ThinMetadataPackCommand pack() {
        return new ThinMetadataPackCommand(false);
    }

    static ThinMetadataPackCommand unpack() {
        return new ThinMetadataPackCommand(true);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (unpack) {
                MetadataPack.unpack(input, output);
            } else {
                MetadataPack.pack(input, output);
            }
            return 0;
        } catch (ToolException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }
}
