package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.vg.ActivationCheck;
import org.jlvm.cli.lvm.vg.ActivePools;
import org.jlvm.cli.lvm.vg.LvAttr;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;

/**
 * Activation as lvm does it, shared by lvchange and vgchange: {@code -a y|ay|n} (plus lvm's spellings), the
 * activation-skip flag ({@code k}: such LVs are left alone unless {@code -K}), and the daemon doing the work. The
 * caller holds the VG's lock and has resolved pending pool messages.
 */
final class Activation {
    /** What {@code -a} asked for. */
    enum Mode { ACTIVATE, DEACTIVATE }

    private Activation() {
    }

    static Mode mode(String arg) {
        return switch (arg) {
            case "y", "ay", "ey", "ly", "sy" -> Mode.ACTIVATE;
            case "n", "an", "en", "ln", "sn" -> Mode.DEACTIVATE;
            default -> throw LvmError.invalidNoHint("Invalid argument for --activate: " + arg,
                    "Error during parsing of command line.");
        };
    }

    /**
     * Activates {@code lvs} of the session's VG, leaving out those with the skip flag unless {@code ignoreSkip}.
     * LVs without write permission, and skip-flagged ones activated with {@code -K}, are exported read-only.
     *
     * @return the names activated
     */
    static List<String> activate(CliContext ctx, VgSession s, List<LogicalVolume> lvs, boolean ignoreSkip,
            LvmVerb verb) throws IOException {
        List<String> names = new ArrayList<>();
        Set<String> readOnly = new LinkedHashSet<>();
        for (LogicalVolume lv : lvs) {
            String full = s.vg().name() + "/" + lv.name();
            if (!lv.isVisible()) {
                throw LvmError.failed("Operation not permitted on hidden LV " + full + ".");
            }
            boolean skip = lv.flags().contains("ACTIVATION_SKIP");
            if (skip && !ignoreSkip) {
                verbose(verb, "Skipping activation of " + full + " (activation skip flag set; use -K).");
                continue;
            }
            if (LvAttr.role(s.vg(), lv) != LvAttr.Role.THIN_POOL && (!lv.status().contains("WRITE") || skip)) {
                readOnly.add(lv.name());
            }
            names.add(lv.name());
        }
        if (!s.settings().testMode()) {
            checkPools(ctx, s, names, readOnly, verb);
        }
        if (!names.isEmpty() && !s.settings().testMode()) {
            ctx.daemon().activate(s, names, readOnly);
            s.forgetActivity();
        }
        return names;
    }

    /**
     * lvm's thin_check before a pool is activated: each pool that {@code names} need and the daemon does not hold
     * yet is checked; the LVs of a pool that fails are left out (lvm's message, the command fails at the end).
     */
    private static void checkPools(CliContext ctx, VgSession s, List<String> names, Set<String> readOnly,
            LvmVerb verb) throws IOException {
        ActivationCheck check = ActivationCheck.of(verb.config().string("global/thin_check_executable",
                "/usr/sbin/thin_check"), verb.config().strings("global/thin_check_options"));
        java.util.Map<String, Boolean> passed = new java.util.HashMap<>();
        for (java.util.Iterator<String> it = names.iterator(); it.hasNext(); ) {
            String name = it.next();
            LogicalVolume lv = s.vg().lv(name).orElseThrow();
            String pool = ThinPools.poolSegment(lv) != null ? name
                    : ThinPools.thinSegment(lv) != null ? ThinPools.thinSegment(lv).thinPool() : null;
            if (pool == null || s.activity().pools().containsKey(pool)) {
                continue;
            }
            Boolean ok = passed.get(pool);
            if (ok == null) {
                String failure = check.check(s, s.lv(pool), ctx.err());
                ok = failure == null;
                passed.put(pool, ok);
                if (!ok) {
                    verb.failedOne(failure);
                }
            }
            if (!ok) {
                it.remove();
                readOnly.remove(name);
            }
        }
    }

    /** Deactivates those of {@code lvs} that are active (an open one: lvm's "in use", nothing changes). */
    static void deactivate(CliContext ctx, VgSession s, List<String> lvs) throws IOException {
        ActivePools.VgActivity a = s.activity();
        List<String> active = lvs.stream().filter(n -> a.lvs().containsKey(n) || a.pools().containsKey(n)).toList();
        if (!active.isEmpty() && !s.settings().testMode()) {
            ctx.daemon().deactivate(s.vg().name(), active);
            s.forgetActivity();
        }
    }

    /** Active visible LVs of the session's VG now (vgchange's count). */
    static long activeVisible(VgSession s) throws IOException {
        ActivePools.VgActivity a = s.activity();
        return s.vg().lvs().stream().filter(l -> l.isVisible() && a.lvs().containsKey(l.name())).count();
    }

    private static void verbose(LvmVerb verb, String message) {
        verb.verbose(message);
    }
}
