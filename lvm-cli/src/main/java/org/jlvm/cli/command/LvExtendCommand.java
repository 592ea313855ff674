package org.jlvm.cli.command;

import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvResize;
import picocli.CommandLine.Command;

/** {@code lvextend}: grow a linear LV, a thin LV, a thin pool's data or metadata. */
@Command(name = "lvextend", description = "Add space to a logical volume.")
final class LvExtendCommand extends LvResizeVerb {
    LvExtendCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    LvResize.Mode mode() {
        return LvResize.Mode.EXTEND;
    }
}
