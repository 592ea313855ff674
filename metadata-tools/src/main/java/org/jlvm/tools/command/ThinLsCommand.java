package org.jlvm.tools.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.ls.ThinLs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code thin_ls}: lists the thin devices of a pool. */
@Command(name = "thin_ls", description = "List thin devices and their usage.")
final class ThinLsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions std;

    @Option(names = {"-m", "--metadata-snap"})
    boolean metadataSnap;

    @Option(names = "--no-headers")
    boolean noHeaders;

    @Option(names = {"-o", "--format"}, paramLabel = "FIELDS")
    String format;

    @Parameters(arity = "0..*", paramLabel = "DEVICE")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer early = std.handle(out, Usage.THIN_LS);
        if (early != null) {
            return early;
        }
        try {
            List<ThinLs.Field> fields = format == null ? ThinLs.DEFAULT : ThinLs.parseFields(format);
            if (inputs.isEmpty()) {
                err.println("No input file provided.");
                err.print(Usage.THIN_LS);
                err.flush();
                return 1;
            }
            try (MetadataFile f = MetadataFile.open(Path.of(inputs.get(0)), false)) {
                out.print(ThinLs.list(f, metadataSnap ? 0L : null, fields, !noHeaders));
                out.flush();
            }
            return 0;
        } catch (ToolException | IOException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }
}
