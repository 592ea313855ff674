package org.jlvm.cli.command;

import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvResize;
import picocli.CommandLine.Command;

/** {@code lvreduce}: shrink a linear or thin LV (asks first); thin pools and their metadata are refused as in lvm. */
@Command(name = "lvreduce", description = "Reduce the size of a logical volume.")
final class LvReduceCommand extends LvResizeVerb {
    LvReduceCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    LvResize.Mode mode() {
        return LvResize.Mode.REDUCE;
    }
}
