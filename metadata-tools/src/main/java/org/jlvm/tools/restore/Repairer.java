package org.jlvm.tools.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.repair.Repair;

/** thin_repair: a tolerant read of damaged metadata written out as a freshly built pool. */
public final class Repairer {
    private Repairer() {
    }

    /** Repairs {@code input} onto {@code output}; what could not be recovered is added to {@code lost}. */
    public static void repair(Path input, Path output, Repair.Overrides ov, List<String> lost) throws ToolException {
        Restorer.checkOutput(output);
        if (!Files.exists(input)) {
            throw new ToolException("Couldn't stat file");
        }
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new ToolException("the input and the output must differ");
        }
        try (MetadataFile in = MetadataFile.open(input, false); MetadataFile out = MetadataFile.open(output, true)) {
            repair(in, out, ov, lost);
        } catch (IOException e) {
            throw new ToolException("I/O error: " + e.getMessage());
        }
    }

    /** As {@link #repair(Path, Path, Repair.Overrides, List)}, on metadata already open (files or devices). */
    public static void repair(MetadataFile in, MetadataFile out, Repair.Overrides ov, List<String> lost)
            throws ToolException, IOException {
        PoolWriter w = new PoolWriter(out, new RestoreOverrides(ov.transactionId(), ov.dataBlockSize(),
                ov.nrDataBlocks()));
        Repair.dump(in, ov, w, lost);
        if (!w.finished()) {
            throw new ToolException("repair did not complete");
        }
    }
}
