package org.jlvm.tools.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import picocli.CommandLine.Parameters;

/**
 * The metadata device or image the reading tools take as their argument (a picocli mixin), and the one place
 * it is opened. Like 0.9.0, only the first is used.
 */
final class DeviceArgument {
    @Parameters(arity = "0..*", paramLabel = "DEVICE")
    List<String> inputs = new ArrayList<>();

    boolean missing() {
        return inputs.isEmpty();
    }

    /** Opens the device or image ("Couldn't stat path" when it is missing). */
    MetadataFile open(boolean writable) throws ToolException {
        return MetadataFile.open(Path.of(inputs.get(0)), writable);
    }
}
