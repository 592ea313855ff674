package org.jlvm.tools.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.rmap.ThinRmap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code thin_rmap}: reverse map of data-block regions to thin devices. */
@Command(name = "thin_rmap", description = "Show which thin devices map the given data blocks.")
final class ThinRmapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions std;

    @Option(names = "--region", paramLabel = "B..E")
    List<String> regions = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "DEVICE")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer early = std.handle(out, Usage.THIN_RMAP);
        if (early != null) {
            return early;
        }
        List<ThinRmap.Region> rs = new ArrayList<>();
        try {
            for (String r : regions) {
                rs.add(ThinRmap.parseRegion(r));
            }
        } catch (ToolException e) {
            err.print(e.getMessage());
            err.flush();
            return 1;
        }
        if (inputs.isEmpty() || rs.isEmpty()) {
            err.println(inputs.isEmpty() ? "No input file provided." : "No regions provided.");
            err.print(Usage.THIN_RMAP);
            err.flush();
            return 1;
        }
        try (MetadataFile f = MetadataFile.open(Path.of(inputs.get(0)), false)) {
            out.print(ThinRmap.rmap(f, rs));
            out.flush();
            return 0;
        } catch (ToolException | IOException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }
}
