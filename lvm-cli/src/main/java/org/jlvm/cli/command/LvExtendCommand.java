package org.jlvm.cli.command;

import java.io.IOException;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.vg.LvOps;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.Units;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lvextend -L|-l [+]SIZE VG/LV}: thin LVs (virtual size), linear LVs, thin pools (data). */
@Command(name = "lvextend", description = "Add space to a logical volume.")
final class LvExtendCommand extends LvmVerb {
    @Option(names = {"-L", "--size"}, paramLabel = "[+]Size[m|UNIT]")
    String size;

    @Option(names = {"-l", "--extents"}, paramLabel = "[+]Number[PERCENT]")
    String extents;

    @Parameters(paramLabel = "VG/LV", arity = "1")
    String target;

    LvExtendCommand(CliContext ctx) {
        super(ctx);
    }


    @Override
    int run() throws IOException {
        if ((size == null) == (extents == null)) {
            throw LvmError.invalid("Please specify either size or extents but not both.");
        }
        int slash = target.indexOf('/');
        if (slash < 0) {
            throw LvmError.invalid("Please provide a volume group name");
        }
        String vg = target.substring(0, slash);
        String lvName = target.substring(slash + 1);
        try (VgSession s = VgSession.open(settings(), vg, true)) {
            ThinPools.resolvePending(s);
            LvOps ops = new LvOps(s, this);
            LogicalVolume lv = s.vg().lv(lvName).orElseThrow(() -> LvmError.failed("Logical volume " + lvName
                    + " not found in volume group " + vg + "."));
            long cur = lv.extentCount();
            long newExtents;
            if (size != null) {
                Units.SizeArg a = Units.parseSize("-L", size, 'm', true);
                if (a.sign() == '-') {
                    throw LvmError.invalid("Negative argument not permitted - use lvreduce");
                }
                long sectors = a.sign() == '+' ? cur * s.vg().extentSize() + a.sectors() : a.sectors();
                newExtents = ops.extentsFor(sectors);
            } else {
                long n = ops.extentsArg(extents);
                newExtents = extents.trim().startsWith("+") ? cur + n : n;
            }
            ops.extend(lvName, newExtents);
        }
        return ok();
    }
}
