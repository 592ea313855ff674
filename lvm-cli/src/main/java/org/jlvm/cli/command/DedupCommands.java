package org.jlvm.cli.command;

import java.util.List;
import org.jlvm.tools.command.ToolCommands.Tool;

/** The dedup layer's commands (vdostats, vdo_stress, ...), for the CLI's dispatcher. */
public final class DedupCommands {
    private DedupCommands() {
    }

    public static List<Tool> all() {
        return List.of(
                new Tool("vdostats", "space usage and counters of dedup devices", VdoStatsCommand::new),
                new Tool("vdo_stress", "model-checked random workload on a dedup device, with crashes",
                        VdoStressCommand::new),
                new Tool("vdoformat", "format a file as an empty dedup device", VdoFormatCommand::new),
                new Tool("vdodumpconfig", "dump the on-disk geometry of a dedup device", VdoDumpConfigCommand::new),
                new Tool("vdoforcerebuild", "recompute a dedup device's refcounts offline, leave read-only mode",
                        VdoForceRebuildCommand::new));
    }
}
