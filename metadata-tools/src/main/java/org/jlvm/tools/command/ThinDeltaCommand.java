package org.jlvm.tools.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jlvm.tools.delta.ThinDelta;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code thin_delta}: differences between two thin devices. */
@Command(name = "thin_delta", description = "Print the differences between two thin devices.")
final class ThinDeltaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions std;

    @Option(names = {"--snap1", "--thin1"}, paramLabel = "ID")
    String snap1;

    @Option(names = {"--snap2", "--thin2"}, paramLabel = "ID")
    String snap2;

    @Option(names = {"-m", "--metadata-snap"}, arity = "0..1", fallbackValue = "", paramLabel = "BLOCK")
    String metadataSnap;

    @Option(names = "--verbose")
    boolean verbose;

    @Parameters(arity = "0..*", paramLabel = "DEVICE")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer early = std.handle(out, Usage.THIN_DELTA);
        if (early != null) {
            return early;
        }
        Long snap = Usage.metadataSnapArgument(spec, metadataSnap, inputs);
        String problem = null;
        if (inputs.isEmpty()) {
            problem = "No input device provided.";
        } else if (snap1 == null) {
            problem = "--snap1 not specified.";
        } else if (snap2 == null) {
            problem = "--snap2 not specified.";
        }
        Long a = snap1 == null ? null : Usage.parseNatural(snap1);
        Long b = snap2 == null ? null : Usage.parseNatural(snap2);
        if (problem == null && (a == null || b == null)) {
            problem = "Couldn't parse snapshot id '" + (a == null ? snap1 : snap2) + "'";
        }
        if (problem != null) {
            return usageError(err, problem);
        }
        try (MetadataFile f = MetadataFile.open(Path.of(inputs.get(0)), false)) {
            out.print(ThinDelta.delta(f, snap, a, b, verbose));
            out.flush();
            return 0;
        } catch (ToolException e) {
            return usageError(err, e.getMessage());
        } catch (IOException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static int usageError(PrintWriter err, String problem) {
        err.println(problem);
        err.print(Usage.THIN_DELTA);
        err.flush();
        return 1;
    }
}
