package org.jlvm.tools.command;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.size.MetadataSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code thin_metadata_size}: estimates the metadata device size (0.9.0 formula and command line). */
@Command(name = "thin_metadata_size", description = "Estimate the size of a thin pool's metadata device.")
final class ThinMetadataSizeCommand extends CommandFrame {
    /** Parsed getopt-style by the library, as the 0.9.0 tool does. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    protected int run() throws ToolException {
        String r = MetadataSize.run(args);
        if (r.equals("HELP")) {
            out().print(MetadataSize.HELP);
        } else if (r.equals("VERSION")) {
            out().println(Usage.VERSION);
        } else {
            out().print(r);
        }
        out().flush();
        return 0;
    }
}
