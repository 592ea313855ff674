package org.jlvm.tools.command;

import java.io.IOException;
import org.jlvm.tools.ir.ToolException;
import picocli.CommandLine.Mixin;

/**
 * A thin_* tool in the {@link CommandFrame}: 0.9.0's {@code -h}/{@code -V} with the tool's usage text, and usage
 * errors. The reading tools open their input through {@link DeviceArgument}, the overrides come from
 * {@link OverrideOptions}; damaged metadata that slips past the validators is reported as unreadable metadata.
 */
abstract class ThinToolCommand extends CommandFrame implements QuickArgs.Target {
    @Mixin
    HelpOptions std = new HelpOptions();

    /** The 0.9.0 usage text: printed by {@code -h} and after usage errors. */
    private final String usage;

    ThinToolCommand(String usage) {
        this.usage = usage;
    }

    final String usage() {
        return usage;
    }

    /** Takes {@code args} without picocli ({@link QuickArgs}), output to {@code out}/{@code err}; false: picocli. */
    final boolean quickParse(String[] args, java.io.PrintWriter out, java.io.PrintWriter err) {
        useWriters(out, err);
        return QuickArgs.apply(this, args);
    }

    @Override
    public String flag(String arg) {
        return null;
    }

    @Override
    public String option(String arg, String value) {
        return null;
    }

    @Override
    public boolean positional(String arg) {
        return false;
    }

    /** The tool's work once help and version are handled. */
    abstract int execute() throws ToolException, IOException;

    @Override
    protected final int run() throws ToolException, IOException {
        Integer early = std.handle(out(), usage());
        return early != null ? early : execute();
    }

    @Override
    protected String unexpected(RuntimeException e) {
        return "metadata is unreadable: " + e;
    }

    /** {@code problem}, then the usage text, on stderr; exit 1. */
    final int usageError(String problem) {
        err().println(problem);
        err().print(usage());
        err().flush();
        return 1;
    }
}
