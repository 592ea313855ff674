package org.jlvm.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.cli.ExitCodes;
import org.jlvm.dedup.DedupDevice;
import org.jlvm.dedup.DedupRebuild;
import org.jlvm.pool.io.FileBlockDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vdoforcerebuild}: offline rebuild of reference counts from the map; leaves read-only mode. */
@Command(name = "vdoforcerebuild", mixinStandardHelpOptions = true,
        description = "Recompute reference counts from the map of a dedup device that is not in use, and "
                + "leave read-only mode. Damaged blocks stay damaged.")
public final class VdoForceRebuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the backing file")
    Path file;

    @Override
    public Integer call() throws Exception {
        DedupRebuild.Report r;
        try (FileBlockDevice dev = FileBlockDevice.open(file, false)) {
            r = DedupRebuild.run(dev);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Rebuilt %s: %d refcounts corrected, %d map entries dropped, %d blocks over-shared, "
                + "%d map entries given their own copy%n", file, r.refcountsChanged(), r.entriesDropped(),
                r.overShared(), r.entriesCopied());
        out.flush();
        return ExitCodes.OK;
    }
}
