package org.jlvm.cli.command;

import java.io.IOException;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.MetadataSwap;
import org.jlvm.cli.lvm.vg.PoolConvert;
import org.jlvm.cli.lvm.vg.PoolRepair;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lvconvert --type thin-pool [--poolmetadata VG/META] [-c] [-Z] [--discards] VG/LV} and the older
 * {@code lvconvert --thinpool VG/LV [--poolmetadata VG/META]}: a linear LV becomes a thin pool;
 * {@code lvconvert --repair VG/POOL}: the pool's metadata repaired into the spare ({@link PoolRepair}).
 */
@Command(name = "lvconvert", description = {"Change logical volume layout.",
        "jlvm: the conversion of a linear LV into a thin pool (--type thin-pool or --thinpool), --repair of "
                + "a thin pool's metadata, and --swapmetadata (or --thinpool of a pool) with --poolmetadata."})
final class LvConvertCommand extends LvmVerb {
    @Option(names = "--type", paramLabel = "SegType", description = "thin-pool.")
    String type;

    @Option(names = "--thinpool", paramLabel = "LV", description = "The LV to convert into a thin pool (older form).")
    String thinPool;

    @Option(names = "--poolmetadata", paramLabel = "LV", description = "An existing LV to become the pool's metadata.")
    String poolMetadata;

    @Option(names = "--swapmetadata", description = "Swap the pool's metadata LV with the LV of --poolmetadata.")
    boolean swapMetadata;

    @Option(names = "--repair", description = "Repair an inactive thin pool's metadata into the pool metadata spare; "
            + "the old metadata stays as POOL_metaN.")
    boolean repair;

    @Mixin
    PoolParamsOptions poolParams = new PoolParamsOptions();

    @Mixin
    PromptOptions prompt = new PromptOptions();

    @Parameters(paramLabel = "VG/LV", arity = "0..1")
    String target;

    LvConvertCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        if (repair) {
            return repair();
        }
        if (swapMetadata) {
            if (type != null || thinPool != null || poolMetadata == null || target == null) {
                throw LvmError.invalidNoHint("No command with matching syntax recognised.  Run 'lvconvert --help' for"
                        + " more information.");
            }
            return swap(target);
        }
        String lvArg = thinPool != null ? thinPool : target;
        boolean toPool = "thin-pool".equals(type) || type == null && thinPool != null;
        if (!toPool || lvArg == null || thinPool != null && target != null && !target.equals(thinPool)) {
            throw LvmError.invalidNoHint("No command with matching syntax recognised.  Run 'lvconvert --help' for"
                    + " more information.");
        }
        if (poolMetadata != null && poolParams.poolMetadataSize != null) {
            throw LvmError.invalid("Please specify either metadata logical volume or its size.");
        }
        String[] lv = vgAndLv(lvArg);
        String meta = metadataLv(lv[0]);
        if (type == null && meta != null && isPool(lv[0], lv[1])) {
            return swap(lvArg);
        }
        try (VgSession s = VgSession.open(settings(), lv[0], true)) {
            ThinPools.resolvePending(s, this);
            // lvm asks unless -y (not -f) was given
            new PoolConvert(s, this).toThinPool(lv[1], meta, poolParams.toPoolOptions(config()),
                    q -> prompt.yes || ctx.confirm(q));
        }
        return ok();
    }

    /** The VG and LV names of a {@code VG/LV} argument (a leading {@code /dev/} allowed). */
    private static String[] vgAndLv(String arg) {
        String path = arg.startsWith("/dev/") ? arg.substring(5) : arg;
        int slash = path.indexOf('/');
        if (slash < 0) {
            throw LvmError.invalid("Please specify a logical volume path.");
        }
        return new String[] {path.substring(0, slash), path.substring(slash + 1)};
    }

    /** The LV named by {@code --poolmetadata} ({@code LV} or {@code VG/LV}, which must be {@code vg}), or null. */
    private String metadataLv(String vg) {
        String meta = poolMetadata;
        if (meta != null && meta.contains("/")) {
            String metaVg = meta.substring(meta.startsWith("/dev/") ? 5 : 0, meta.lastIndexOf('/'));
            if (!metaVg.equals(vg)) {
                throw LvmError.invalid("Please use a single volume group name (\"" + metaVg + "\" or \"" + vg
                        + "\").");
            }
            meta = meta.substring(meta.lastIndexOf('/') + 1);
        }
        return meta;
    }

    private boolean isPool(String vg, String lv) throws IOException {
        try (VgSession s = VgSession.open(settings(), vg, false)) {
            return s.vg().lv(lv).map(l -> ThinPools.poolSegment(l) != null).orElse(false);
        }
    }

    /** lvm's metadata swap of the pool {@code poolArg} with the LV of {@code --poolmetadata}. */
    private int swap(String poolArg) throws IOException {
        String[] pool = vgAndLv(poolArg);
        String meta = metadataLv(pool[0]);
        try (VgSession s = VgSession.open(settings(), pool[0], true)) {
            new MetadataSwap(s, this).swap(pool[1], meta, q -> prompt.yes || ctx.confirm(q));
        }
        return ok();
    }

    private int repair() throws IOException {
        if (type != null || thinPool != null || poolMetadata != null || target == null) {
            throw LvmError.invalidNoHint("No command with matching syntax recognised.  Run 'lvconvert --help' for"
                    + " more information.");
        }
        String[] pool = vgAndLv(target);
        String executable = config().string("global/thin_repair_executable", "/usr/sbin/thin_repair");
        try (VgSession s = VgSession.open(settings(), pool[0], true)) {
            new PoolRepair(s, this, ctx.err()).repair(pool[1], executable);
        }
        return ok();
    }
}
