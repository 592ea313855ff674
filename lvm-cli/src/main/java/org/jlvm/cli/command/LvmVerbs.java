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
                new Verb("lvchange", "activate logical volumes (NBD exports of the jlvm daemon), change their attributes",
                        LvChangeCommand::new),
                new Verb("vgchange", "activate or deactivate the logical volumes of volume groups",
                        VgChangeCommand::new),
                new Verb("vgextend", "add physical volumes to a volume group", VgExtendCommand::new),
                new Verb("vgreduce", "remove unused physical volumes from a volume group", VgReduceCommand::new),
                new Verb("vgrename", "rename a volume group (by name or UUID)", VgRenameCommand::new),
                new Verb("pvresize", "resize physical volumes to their device size", PvResizeCommand::new),
                new Verb("pvck", "check the metadata of physical volumes", PvCkCommand::new),
                new Verb("vgck", "check (and with --updatemetadata repair) a volume group's metadata", VgCkCommand::new),
                new Verb("pvscan", "list all physical volumes", PvScanCommand::new),
                new Verb("pvdisplay", "display physical volumes", PvDisplayCommand::new),
                new Verb("vgdisplay", "display volume groups", VgDisplayCommand::new),
                new Verb("lvdisplay", "display logical volumes", LvDisplayCommand::new),
                new Verb("lvmconfig", "show the configuration (jlvm.yaml, --config, defaults)", LvmConfigCommand::new),
                new Verb("version", "show the version", VersionCommand::new),
                new Verb("lvreduce", "shrink a logical volume", LvReduceCommand::new),
                new Verb("lvresize", "grow or shrink a logical volume", LvResizeCommand::new),
                new Verb("lvconvert", "convert a linear LV into a thin pool", LvConvertCommand::new),
                new Verb("vgcfgrestore", "restore a volume group's metadata from a backup or archive",
                        VgCfgRestoreCommand::new));
    }
}
