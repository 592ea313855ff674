package org.jlvm.tools.command;

import java.io.IOException;
import org.jlvm.tools.delta.ThinDelta;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thin_delta}: differences between two thin devices. */
@Command(name = "thin_delta", description = "Print the differences between two thin devices.")
final class ThinDeltaCommand extends ThinToolCommand {
    @Option(names = {"--snap1", "--thin1"}, paramLabel = "ID")
    String snap1;

    @Option(names = {"--snap2", "--thin2"}, paramLabel = "ID")
    String snap2;

    @Option(names = {"-m", "--metadata-snap"}, arity = "0..1", fallbackValue = "", paramLabel = "BLOCK")
    String metadataSnap;

    @Option(names = "--verbose")
    boolean verbose;

    @Mixin
    DeviceArgument device;

    ThinDeltaCommand() {
        super(Usage.THIN_DELTA);
    }

    /** 0.9.0's thin_delta follows every message of its own with the usage text. */
    @Override
    protected int failed(ToolException e) {
        return usageError(e.getMessage());
    }

    @Override
    int execute() throws ToolException, IOException {
        Long snap = Usage.metadataSnapArgument(spec, metadataSnap, device.inputs);
        String problem = null;
        if (device.missing()) {
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
            return usageError(problem);
        }
        try (MetadataFile f = device.open(false)) {
            out().print(ThinDelta.delta(f, snap, a, b, verbose));
            out().flush();
            return 0;
        }
    }
}
