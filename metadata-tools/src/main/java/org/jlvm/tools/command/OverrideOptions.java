package org.jlvm.tools.command;

import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.repair.Repair;
import org.jlvm.tools.restore.RestoreOverrides;
import picocli.CommandLine.Option;

/** {@code --transaction-id}, {@code --data-block-size}, {@code --nr-data-blocks}: superblock overrides. */
final class OverrideOptions {
    @Option(names = "--transaction-id", paramLabel = "N")
    String transactionId;

    @Option(names = "--data-block-size", paramLabel = "N")
    String dataBlockSize;

    @Option(names = "--nr-data-blocks", paramLabel = "N")
    String nrDataBlocks;

    /** The quick start's parser ({@link QuickArgs}): sets the override {@code arg}; its name, or null. */
    String option(String arg, String value) {
        switch (arg) {
            case "--transaction-id" -> transactionId = value;
            case "--data-block-size" -> dataBlockSize = value;
            case "--nr-data-blocks" -> nrDataBlocks = value;
            default -> {
                return null;
            }
        }
        return arg;
    }

    Repair.Overrides parse() throws ToolException {
        return Repair.Overrides.parse(transactionId, dataBlockSize, nrDataBlocks);
    }

    /** The same values as thin_restore takes them. */
    RestoreOverrides forRestore() throws ToolException {
        Repair.Overrides o = parse();
        return new RestoreOverrides(o.transactionId(), o.dataBlockSize(), o.nrDataBlocks());
    }
}
