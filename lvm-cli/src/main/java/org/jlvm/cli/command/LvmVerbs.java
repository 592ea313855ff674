package org.jlvm.cli.command;

import java.util.List;
import java.util.function.Function;
import org.jlvm.cli.CliContext;

/** The LVM verbs, for the CLI's dispatcher: each is built with the run's {@link CliContext}. */
public final class LvmVerbs {
    /** One verb: its name, a one-line summary, and how to build it. */
    public record Verb(String name, String summary, Function<CliContext, Object> factory) {
    }

    private LvmVerbs() {
    }

    public static List<Verb> all() {
        return List.of(
                new Verb("pvcreate", "initialize files or devices as LVM2 physical volumes", PvCreateCommand::new),
                new Verb("pvremove", "wipe the LVM2 label of orphan physical volumes", PvRemoveCommand::new),
                new Verb("pvs", "report physical volumes", PvsCommand::new),
                new Verb("lvmdevices", "list or change the devices file", LvmDevicesCommand::new),
                new Verb("vgcreate", "create a volume group", VgCreateCommand::new),
                new Verb("vgremove", "remove a volume group", VgRemoveCommand::new),
                new Verb("vgs", "report volume groups", VgsCommand::new),
                new Verb("vgcfgbackup", "write a volume group's metadata backup", VgCfgBackupCommand::new),
                new Verb("lvcreate", "create linear LVs, thin pools, thin LVs and thin snapshots", LvCreateCommand::new),
                new Verb("lvs", "report logical volumes", LvsCommand::new),
                new Verb("lvremove", "remove logical volumes", LvRemoveCommand::new),
                new Verb("lvrename", "rename a logical volume", LvRenameCommand::new),
                new Verb("lvextend", "grow a logical volume", LvExtendCommand::new),
                new Verb("lvreduce", "shrink a logical volume", LvReduceCommand::new),
                new Verb("lvresize", "grow or shrink a logical volume", LvResizeCommand::new),
                new Verb("lvconvert", "convert a linear LV into a thin pool", LvConvertCommand::new),
                new Verb("vgcfgrestore", "restore a volume group's metadata from a backup or archive",
                        VgCfgRestoreCommand::new));
    }
}
