package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lvchange}: activation ({@code -a y|ay|n}, {@code -K}) through the jlvm daemon, and the metadata changes
 * {@code -p r|rw}, {@code -k y|n}, {@code -Z y|n}, {@code --discards}, {@code --errorwhenfull y|n} (pool settings and
 * permission only while the LV is inactive). Metadata changes are committed first, then the activation runs.
 */
@Command(name = "lvchange", description = {"Change the attributes of logical volume(s).",
        "jlvm: an active LV is an NBD export VG/LV of the jlvm daemon (lvs -o +nbd_uri shows where)."})
final class LvChangeCommand extends LvmVerb {
    @Option(names = {"-a", "--activate"}, paramLabel = "y|n|ay", description = "Activate or deactivate.")
    String activate;

    @Option(names = {"-K", "--ignoreactivationskip"}, description = "Activate LVs with the activation skip flag too.")
    boolean ignoreSkip;

    @Option(names = {"-p", "--permission"}, paramLabel = "rw|r", description = "Access permission.")
    String permission;

    @Option(names = {"-k", "--setactivationskip"}, paramLabel = "y|n", description = "The activation skip flag.")
    String skip;

    @Option(names = {"-Z", "--zero"}, paramLabel = "y|n", description = "Thin pool: zero new chunks.")
    String zero;

    @Option(names = "--discards", paramLabel = "passdown|nopassdown|ignore", description = "Thin pool discards.")
    String discards;

    @Option(names = "--errorwhenfull", paramLabel = "y|n", description = "Thin pool: fail writes at once when full.")
    String errorWhenFull;

    @Parameters(paramLabel = "VG|VG/LV", arity = "1..*")
    List<String> targets = new ArrayList<>();

    LvChangeCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        if (activate == null && permission == null && skip == null && zero == null && discards == null
                && errorWhenFull == null) {
            throw LvmError.invalid("No command with matching syntax recognised.");
        }
        Activation.Mode mode = activate == null ? null : Activation.mode(activate);
        Boolean ro = permission == null ? null : switch (permission) {
            case "r" -> true;
            case "rw" -> false;
            default -> throw LvmError.invalidNoHint("Invalid argument for --permission: " + permission,
                    "Error during parsing of command line.");
        };
        PoolParamsOptions.checkDiscards(discards);
        Map<String, List<String>> byVg = new LinkedHashMap<>();
        for (String t : targets) {
            int slash = t.indexOf('/');
            List<String> lvs = byVg.computeIfAbsent(slash < 0 ? t : t.substring(0, slash), k -> new ArrayList<>());
            if (slash >= 0) {
                lvs.add(t.substring(slash + 1));
            }
        }
        for (var e : byVg.entrySet()) {
            try (VgSession s = VgSession.open(settings(), e.getKey(), true)) {
                ThinPools.resolvePending(s, this);
                List<LogicalVolume> lvs = select(s, e.getValue());
                change(s, lvs, ro);
                if (mode == Activation.Mode.ACTIVATE) {
                    Activation.activate(ctx, s, lvs.stream().map(l -> s.vg().lv(l.name()).orElseThrow()).toList(),
                            ignoreSkip, this);
                } else if (mode == Activation.Mode.DEACTIVATE) {
                    Activation.deactivate(ctx, s, lvs.stream().map(LogicalVolume::name).toList());
                }
            }
        }
        return status();
    }

    /** The named LVs, or every visible LV of the VG when none is named. */
    private static List<LogicalVolume> select(VgSession s, List<String> names) {
        if (names.isEmpty()) {
            return s.vg().lvs().stream().filter(LogicalVolume::isVisible).toList();
        }
        List<LogicalVolume> out = new ArrayList<>();
        for (String n : names) {
            out.add(s.vg().lv(n).orElseThrow(() -> LvmError.failed("Failed to find logical volume \"" + s.vg().name()
                    + "/" + n + "\"")));
        }
        return out;
    }

    /** The metadata changes, one VG commit, lvm's "changed" line per LV. */
    private void change(VgSession s, List<LogicalVolume> lvs, Boolean readOnly) throws IOException {
        if (readOnly == null && skip == null && zero == null && discards == null && errorWhenFull == null) {
            return;
        }
        VolumeGroup vg = s.vg();
        List<String> changed = new ArrayList<>();
        for (LogicalVolume lv : lvs) {
            ThinPoolSegment p = ThinPools.poolSegment(lv);
            boolean poolOption = zero != null || discards != null || errorWhenFull != null;
            if (poolOption && p == null) {
                throw LvmError.failed("Command on LV " + vg.name() + "/" + lv.name()
                        + " uses options that require LV types thinpool .");
            }
            if (discards != null && p != null && !discards.equals(p.discards())
                    && (discards.equals("ignore") || p.discards().equals("ignore"))
                    && s.activity().pools().containsKey(lv.name())) {
                throw LvmError.failed("Cannot change support for discards while pool volume " + vg.name() + "/"
                        + lv.name() + " is active.");
            }
            List<String> status = new ArrayList<>(lv.status());
            List<String> flags = new ArrayList<>(lv.flags());
            if (readOnly != null) {
                status.remove("WRITE");
                if (!readOnly) {
                    status.add(status.indexOf("READ") + 1, "WRITE");
                }
            }
            if (skip != null) {
                flags.remove("ACTIVATION_SKIP");
                if (PoolParamsOptions.yesNo("-k", skip)) {
                    flags.add("ACTIVATION_SKIP");
                }
            }
            if (errorWhenFull != null) {
                flags.remove("ERROR_WHEN_FULL");
                if (PoolParamsOptions.yesNo("--errorwhenfull", errorWhenFull)) {
                    flags.add("ERROR_WHEN_FULL");
                }
            }
            List<org.jlvm.cli.lvm.model.Segment> segs = lv.segments();
            if (p != null && (zero != null || discards != null)) {
                segs = List.of(new ThinPoolSegment(p.startExtent(), p.extentCount(), p.metadataLv(), p.poolLv(),
                        p.transactionId(), p.chunkSize(), discards != null ? discards : p.discards(),
                        zero != null ? PoolParamsOptions.yesNo("-Z", zero) : p.zeroNewBlocks(), p.cropMetadata(), p.messages()));
            }
            LogicalVolume next = new LogicalVolume(lv.name(), lv.id(), status, flags, lv.tags(), lv.creationTime(),
                    lv.creationHost(), lv.allocationPolicy(), lv.readAhead(), segs);
            vg = ThinPools.replace(vg, next);
            changed.add(lv.name());
        }
        s.commit(vg);
        for (String n : changed) {
            // an active LV or pool takes its new table (read-only, pool settings), as lvm reloads it
            if (!s.settings().testMode() && (s.activity().lvs().containsKey(n) || s.activity().pools().containsKey(n))) {
                s.settings().active().reload(s, n);
            }
            print("Logical volume " + vg.name() + "/" + n + " changed.");
        }
    }
}
