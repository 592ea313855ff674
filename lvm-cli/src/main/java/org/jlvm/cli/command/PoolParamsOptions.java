package org.jlvm.cli.command;

import java.util.List;
import org.jlvm.cli.config.Config;
import org.jlvm.cli.config.ConfigSchema;
import org.jlvm.cli.lvm.vg.LvOps;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.Units;
import picocli.CommandLine.Option;

/** A new thin pool's settings, shared by lvcreate and lvconvert (a picocli mixin); lvm's checks of them. */
public final class PoolParamsOptions {
    @Option(names = {"-c", "--chunksize"}, paramLabel = "Size[k|UNIT]", description = "Thin pool chunk size (default 64k for pools up to ~15.88 TiB).")
    String chunkSize;

    @Option(names = "--poolmetadatasize", paramLabel = "Size[m|UNIT]", description = "Thin pool metadata size (default 64 bytes per chunk, at least 2m).")
    String poolMetadataSize;

    @Option(names = "--poolmetadataspare", paramLabel = "y|n", description = "Create/grow lvolN_pmspare (default y).")
    String poolMetadataSpare;

    @Option(names = {"-Z", "--zero"}, paramLabel = "y|n", description = "Thin pool: zero new chunks (default y).")
    String zero;

    @Option(names = "--discards", paramLabel = "passdown|nopassdown|ignore", description = "Thin pool discards (default passdown).")
    String discards;

    /** lvm's y/n argument. */
    static boolean yesNo(String option, String v) {
        return switch (v) {
            case "y", "yes" -> true;
            case "n", "no" -> false;
            default -> throw LvmError.invalidNoHint("Invalid argument for " + option + ": " + v,
                    "Error during parsing of command line.");
        };
    }

    /** lvm's check of a {@code --discards} value (exit 3). */
    static void checkDiscards(String discards) {
        if (discards != null && !List.of("passdown", "nopassdown", "ignore").contains(discards)) {
            throw LvmError.invalidNoHint("Invalid argument for --discards: " + discards, "Error during parsing of command line.");
        }
    }

    /** The pool options; -c, -Z and --discards default to allocation/thin_pool_* of {@code conf}, as lvm's. */
    LvOps.PoolOptions toPoolOptions(Config conf) {
        Long chunk = conf.optionalNumber(ConfigSchema.THIN_POOL_CHUNK_SIZE).map(kib -> kib * 2).orElse(null);
        if (chunkSize != null) {
            chunk = Units.parseSize("-c", chunkSize, 'k', false).sectors();
        }
        if (chunk != null) {
            ThinPools.checkChunk(chunk);
        }
        Long meta = poolMetadataSize == null ? null : Units.parseSize("--poolmetadatasize", poolMetadataSize, 'm', false).sectors();
        String d = discards != null ? discards : conf.string(ConfigSchema.THIN_POOL_DISCARDS, "passdown");
        checkDiscards(d);
        boolean z = zero != null ? yesNo("-Z", zero) : conf.bool(ConfigSchema.THIN_POOL_ZERO, true);
        return new LvOps.PoolOptions(chunk, meta, z, d,
                poolMetadataSpare == null || yesNo("--poolmetadataspare", poolMetadataSpare));
    }
}
