package org.jlvm.cli.command;

import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvResize;
import picocli.CommandLine.Command;

/** {@code lvresize}: grow or shrink, as lvextend and lvreduce do. */
@Command(name = "lvresize", description = "Resize a logical volume.")
final class LvResizeCommand extends LvResizeVerb {
    LvResizeCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    LvResize.Mode mode() {
        return LvResize.Mode.ANY;
    }
}
