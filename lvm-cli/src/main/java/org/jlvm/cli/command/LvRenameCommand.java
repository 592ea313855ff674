package org.jlvm.cli.command;

import java.io.IOException;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvOps;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lvrename VG OLD NEW} or {@code lvrename VG/OLD [VG/]NEW}; a pool's _tdata/_tmeta follow it. */
@Command(name = "lvrename", description = "Rename a logical volume.")
final class LvRenameCommand extends LvmVerb {
    @Parameters(paramLabel = "VG|VG/LV LV_new", arity = "2..3")
    List<String> args;

    LvRenameCommand(CliContext ctx) {
        super(ctx);
    }


    @Override
    int run() throws IOException {
        String vg;
        String from;
        String to;
        if (args.size() == 3) {
            vg = args.get(0);
            from = args.get(1);
            to = args.get(2);
        } else {
            String a = args.get(0);
            int slash = a.indexOf('/');
            if (slash < 0) {
                throw LvmError.invalid("Old and new logical volume names required");
            }
            vg = a.substring(0, slash);
            from = a.substring(slash + 1);
            to = args.get(1);
        }
        if (to.contains("/")) {
            String toVg = to.substring(0, to.indexOf('/'));
            if (!toVg.equals(vg)) {
                throw LvmError.invalid("Logical volume names must have the same volume group (\"" + vg + "\" or \""
                        + toVg + "\").");
            }
            to = to.substring(to.indexOf('/') + 1);
        }
        if (from.contains("/")) {
            from = from.substring(from.indexOf('/') + 1);
        }
        try (VgSession s = VgSession.open(settings(), vg, true)) {
            ThinPools.resolvePending(s, this);
            new LvOps(s, this).rename(from, to);
        }
        return ok();
    }
}
