package org.jlvm.tools.command;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.pack.MetadataPack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code thin_metadata_pack} and {@code thin_metadata_unpack}, in thin-provisioning-tools 1.x's pack format with
 * 1.1.0's options and messages. Refuses to overwrite an output whose first block is a superblock unless
 * {@code -f} is given or the user says yes on the terminal (1.1.0 asks on stdin).
 */
@Command(description = "Pack the metadata blocks in use into a compressed file (1.x format), or unpack one.")
final class ThinMetadataPackCommand implements Callable<Integer> {
    static final String PACK_USAGE = """
            Produces a compressed file of thin metadata.  Only packs metadata blocks that are actually used.

            Usage: thin_metadata_pack [OPTIONS] --input <DEV> --output <FILE>

            Options:
              -f, --force          Force overwrite the output file
              -h, --help           Print help
              -i, --input <DEV>    Specify thinp metadata binary device/file
              -o, --output <FILE>  Specify packed output file
              -V, --version        Print version
            """;

    static final String UNPACK_USAGE = """
            Unpack a compressed file of thin metadata.

            Usage: thin_metadata_unpack [OPTIONS] --input <FILE> --output <DEV>

            Options:
              -f, --force         Force overwrite the output file
              -h, --help          Print help
              -i, --input <FILE>  Specify packed input file
              -o, --output <DEV>  Specify thinp metadata binary device/file
              -V, --version       Print version
            """;

    private static final String PROMPT = "The destination appears to already contain metadata, are you sure? [y/n]: ";

    private final boolean unpack;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions std;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE")
    Path output;

    @Option(names = {"-f", "--force"})
    boolean force;

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String usage = unpack ? UNPACK_USAGE : PACK_USAGE;
        Integer early = std.handle(out, usage);
        if (early != null) {
            return early;
        }
        if (input == null || output == null) {
            err.println("error: the following required arguments were not provided:"
                    + (input == null ? " --input" : "") + (output == null ? " --output" : ""));
            err.print(usage);
            err.flush();
            return 1;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        try {
            if (!force && MetadataPack.holdsMetadata(output) && !confirmed()) {
                throw new ToolException("Output file not overwritten (it appears to contain metadata; -f overwrites)");
            }
            if (unpack) {
                MetadataPack.unpack(input, output, threads);
            } else {
                for (String w : MetadataPack.pack(input, output, threads).warnings()) {
                    err.println(w);
                }
            }
            err.flush();
            return 0;
        } catch (ToolException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** Asks on the terminal, as 1.1.0 does; without a terminal the answer is no. */
    private static boolean confirmed() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        String answer = c.readLine("%s", PROMPT);
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
