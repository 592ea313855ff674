package org.jlvm.tools.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.size.MetadataSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code thin_metadata_size}: estimates the metadata device size (0.9.0 formula and command line). */
@Command(name = "thin_metadata_size", description = "Estimate the size of a thin pool's metadata device.")
final class ThinMetadataSizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Parsed getopt-style by the library, as the 0.9.0 tool does. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String r = MetadataSize.run(args);
            if (r.equals("HELP")) {
                out.print(MetadataSize.HELP);
            } else if (r.equals("VERSION")) {
                out.println(Usage.VERSION);
            } else {
                out.print(r);
            }
            out.flush();
            return 0;
        } catch (ToolException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }
}
