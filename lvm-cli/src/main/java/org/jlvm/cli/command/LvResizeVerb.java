package org.jlvm.cli.command;

import java.io.IOException;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvResize;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ResizeAmount;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The one frame of {@code lvextend}, {@code lvreduce} and {@code lvresize} (lvm's lvresize.c): their options and
 * lvm's checks of them; the work is {@link LvResize}.
 */
abstract class LvResizeVerb extends LvmVerb {
    @Option(names = {"-L", "--size"}, paramLabel = "[+|-]Size[m|UNIT]", description = "New size, or +/- a size.")
    String size;

    @Option(names = {"-l", "--extents"}, paramLabel = "[+|-]Number[PERCENT]",
            description = "New size in extents, or +/- extents; N%%VG|N%%FREE|N%%PVS|N%%LV.")
    String extents;

    @Option(names = "--poolmetadatasize", paramLabel = "[+]Size[m|UNIT]",
            description = "New size of a thin pool's metadata (or + a size).")
    String poolMetadataSize;

    @Option(names = {"-r", "--resizefs"}, description = "Resize the filesystem too (jlvm: refused, no filesystem support).")
    boolean resizeFs;

    @Option(names = {"-n", "--nofsck"}, description = "Do not check the filesystem first (accepted).")
    boolean noFsck;

    @Option(names = {"-A", "--autobackup"}, paramLabel = "y|n", description = "Accepted; jlvm always backs up.")
    String autobackup;

    @Mixin
    PromptOptions prompt = new PromptOptions();

    @Parameters(paramLabel = "LV", arity = "1", description = "VG/LV")
    String target;

    LvResizeVerb(CliContext ctx) {
        super(ctx);
    }

    abstract LvResize.Mode mode();

    private LvmError noMatchingSyntax() {
        return LvmError.invalidNoHint("No command with matching syntax recognised.  Run '"
                + ctx.commandLine().split(" ")[0] + " --help' for more information.");
    }

    @Override
    PromptOptions prompts() {
        return prompt;
    }

    @Override
    int run() throws IOException {
        String signs = switch (mode()) {
            case EXTEND -> "+";
            case REDUCE -> "-";
            case ANY -> "+-";
        };
        ResizeAmount amount = null;
        ResizeAmount pool = null;
        if (extents != null) {
            amount = ResizeAmount.extents(extents, signs);
        }
        if (size != null) {
            ResizeAmount sized = ResizeAmount.size("--size", size, signs);
            if (amount != null) {
                throw LvmError.invalid("Please specify either size or extents but not both.");
            }
            amount = sized;
        }
        if (poolMetadataSize != null) {
            if (mode() == LvResize.Mode.REDUCE) {
                throw noMatchingSyntax();
            }
            pool = ResizeAmount.size("--poolmetadatasize", poolMetadataSize, "+");
        }
        if (amount == null && pool == null) {
            throw noMatchingSyntax();
        }
        String path = target.startsWith("/dev/") ? target.substring(5) : target;
        int slash = path.indexOf('/');
        if (slash < 0) {
            throw LvmError.invalid("Please specify a logical volume path.");
        }
        String vg = path.substring(0, slash);
        String lv = path.substring(slash + 1);
        if (lv.isEmpty() || lv.contains("/")) {
            throw LvmError.invalid("Logical volume name \"" + lv + "\" is invalid.");
        }
        LvResize.Request r = new LvResize.Request(mode(), amount, pool, resizeFs, prompt.yes || prompt.forced());
        try (VgSession s = VgSession.open(settings(), vg, true)) {
            ThinPools.resolvePending(s, this);
            new LvResize(s, this, this::confirm).resize(lv, r);
        }
        return ok();
    }
}
