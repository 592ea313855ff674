package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvOps;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lvremove VG/LV... | VG}: thin LVs leave the pool metadata too; a pool with thin LVs asks first. */
@Command(name = "lvremove", description = "Remove logical volume(s) from the system.")
final class LvRemoveCommand extends LvmVerb {
    @Mixin
    PromptOptions prompt = new PromptOptions();

    @Parameters(paramLabel = "VG|VG/LV", arity = "1..*")
    List<String> targets;

    LvRemoveCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    PromptOptions prompts() {
        return prompt;
    }


    @Override
    int run() throws IOException {
        int rc = ok();
        for (String t : targets) {
            int slash = t.indexOf('/');
            String vg = slash < 0 ? t : t.substring(0, slash);
            try (VgSession s = VgSession.open(settings(), vg, true)) {
                ThinPools.resolvePending(s, this);
                List<String> names = new ArrayList<>();
                if (slash < 0) {
                    // the whole VG: thin LVs first, then the rest that is visible
                    s.vg().lvs().stream().filter(l -> l.isVisible() && ThinPools.thinSegment(l) != null)
                            .forEach(l -> names.add(l.name()));
                    s.vg().lvs().stream().filter(l -> l.isVisible() && ThinPools.thinSegment(l) == null)
                            .forEach(l -> names.add(l.name()));
                } else {
                    names.add(t.substring(slash + 1));
                }
                LvOps ops = new LvOps(s, this);
                for (String n : names) {
                    if (s.vg().lv(n).isEmpty()) {
                        if (slash < 0) {
                            continue;
                        }
                        throw LvmError.failed("Failed to find logical volume \"" + vg + "/" + n + "\"");
                    }
                    try {
                        ops.remove(n, this::confirm);
                    } catch (LvmError e) {
                        if (targets.size() == 1 && names.size() == 1) {
                            throw e;
                        }
                        e.lines().forEach(this::warn);
                        rc = LvmError.FAILED;
                    }
                }
            }
        }
        return rc;
    }
}
