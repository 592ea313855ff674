package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input for lvextend, lvreduce, lvresize, lvconvert and vgcfgrestore: lvm's message (stderr, one line or
 * lvm's few), lvm's exit code, and the VG as it was (seqno and the label and metadata area bytes).
 */
class LvResizeErrorsTest {
    @TempDir
    Path tmp;

    /** command → expected stderr and exit code. */
    private record Bad(String command, String err, int rc) {
    }

    private static final String HINT = "\n  Run `%s --help' for more information.";

    private static List<Bad> cases() {
        String parse = "\n  Error during parsing of command line.";
        return List.of(
                new Bad("lvextend -L +4m vg0/nosuch", "  Logical volume nosuch not found in volume group vg0.", 5),
                new Bad("lvresize -L 4m nosuchvg/lv", "  Volume group \"nosuchvg\" not found\n"
                        + "  Cannot process volume group nosuchvg", 5),
                new Bad("lvextend -L 0 vg0/lin", "  --size may not be zero." + HINT.formatted("lvextend"), 3),
                new Bad("lvextend -L 1x vg0/lin", "  Can't parse size argument.\n  Invalid argument for --size: 1x"
                        + parse, 3),
                new Bad("lvextend -l 5%XX vg0/lin", "  Specified %XX is unknown.\n  Invalid argument for --extents: 5%XX"
                        + parse, 3),
                new Bad("lvextend -L -4m vg0/lin", "  Size may not be negative.\n  Invalid argument for --size: -4m"
                        + parse, 3),
                new Bad("lvreduce -l +1 vg0/lin", "  Extents may not be positive.\n  Invalid argument for --extents: +1"
                        + parse, 3),
                new Bad("lvextend -L 4m -l 4 vg0/lin", "  Please specify either size or extents but not both."
                        + HINT.formatted("lvextend"), 3),
                new Bad("lvextend vg0/lin", "  No command with matching syntax recognised.  Run 'lvextend --help' for"
                        + " more information.", 3),
                new Bad("lvextend -L 4m lin", "  Please specify a logical volume path." + HINT.formatted("lvextend"), 3),
                new Bad("lvextend -L 1g vg0/lin", "  Insufficient free space: 253 extents needed, but only 98 available",
                        5),
                new Bad("lvextend -L 12m vg0/lin", "  New size (3 extents) matches existing size (3 extents).", 5),
                new Bad("lvextend -L 4m vg0/lin", "  New size given (1 extents) not larger than existing size (3 extents)",
                        5),
                new Bad("lvreduce -L 16m vg0/lin", "  New size given (4 extents) not less than existing size (3 extents)",
                        5),
                new Bad("lvreduce -l -3 vg0/lin", "  Unable to reduce vg0/lin below 1 extent.", 5),
                new Bad("lvreduce -L -4m vg0/lin", "  WARNING: Reducing active logical volume to 8.00 MiB.\n"
                        + "  THIS MAY DESTROY YOUR DATA (filesystem etc.)\n"
                        + "Do you really want to reduce vg0/lin? [y/n]: [n]\n  Logical volume vg0/lin NOT reduced.", 5),
                new Bad("lvreduce -L 8m vg0/pool0", "  Thin pool volumes vg0/pool0_tdata cannot be reduced in size yet.",
                        5),
                new Bad("lvreduce -y -L 4m vg0/pool0_tdata",
                        "  Thin pool volumes vg0/pool0_tdata cannot be reduced in size yet.", 5),
                new Bad("lvreduce -y -L 4m vg0/pool0_tmeta", "  Thin pool metadata volumes cannot be reduced.", 5),
                new Bad("lvextend -L +100g vg0/pool0", "  Insufficient free space: 25600 extents needed, but only 50"
                        + " available", 5),
                new Bad("lvextend -L 8m vg0/lvol0_pmspare", "  Can't resize internal logical volume vg0/lvol0_pmspare.",
                        5),
                new Bad("lvextend --poolmetadatasize 8m vg0/lin", "  --poolmetadatasize can be used only with thin pools.",
                        5),
                new Bad("lvresize -L 100m --poolmetadatasize 8m vg0/pool0_tmeta",
                        "  --poolmetadatasize for thin-pool metadata cannot be used with size.", 5),
                new Bad("lvresize --poolmetadatasize -4m vg0/pool0", "  Size may not be negative.\n"
                        + "  Invalid argument for --poolmetadatasize: -4m" + parse, 3),
                new Bad("lvextend -r -L +4m vg0/thin1",
                        "  Logical volume vg0/thin1 must be activated before resizing filesystem.", 5),
                new Bad("lvextend -l 5%ORIGIN vg0/thin1", "  Specified LV does not have an origin LV.", 5),
                new Bad("lvconvert --type thin-pool vg0/nosuch", "  Failed to find logical volume \"vg0/nosuch\"", 5),
                new Bad("lvconvert --type thin-pool vg0/pool0", "  Command on LV vg0/pool0 does not accept LV type"
                        + " thinpool.\n  Command not permitted on LV vg0/pool0.", 5),
                new Bad("lvconvert --type thin-pool vg0/thin1", "  Command on LV vg0/thin1 does not accept LV type thin.\n"
                        + "  Command not permitted on LV vg0/thin1.", 5),
                new Bad("lvconvert --type thin-pool --poolmetadata vg0/lin vg0/lin",
                        "  Can't use same LV for pool data and metadata LV vg0/lin.", 5),
                new Bad("lvconvert --type thin-pool --poolmetadata vg0/nosuch vg0/lin",
                        "  Unknown pool metadata LV nosuch.", 5),
                new Bad("lvconvert --type thin-pool --poolmetadata vg0/pool0_tmeta vg0/lin",
                        "  Can't convert internal LV vg0/pool0_tmeta.", 5),
                new Bad("lvconvert --type thin-pool -c 100k vg0/lin", "  Thin pool chunk size 100.00 KiB must be a"
                        + " multiple of 64.00 KiB." + HINT.formatted("lvconvert"), 3),
                new Bad("lvconvert --type thin-pool vg0/lin", "  WARNING: Converting vg0/lin to thin pool's data volume"
                        + " with metadata wiping.\n  THIS WILL DESTROY CONTENT OF LOGICAL VOLUME (filesystem etc.)\n"
                        + "Do you really want to convert vg0/lin? [y/n]: [n]\n  Conversion aborted.", 5),
                new Bad("lvconvert --type striped vg0/lin", "  No command with matching syntax recognised.  Run"
                        + " 'lvconvert --help' for more information.", 3),
                new Bad("vgcfgrestore -f /nonexistent vg0", "  /nonexistent: stat failed: No such file or directory\n"
                        + "  WARNING: couldn't read volume group metadata from file.\n"
                        + "  Failed to read VG vg0 from /nonexistent\n  Restore failed.", 5),
                new Bad("vgcfgrestore vg0", "  Consider using option --force to restore Volume Group vg0 with thin"
                        + " volumes.\n  Restore failed.", 5),
                new Bad("vgcfgrestore b@d", "  Volume group name \"b@d\" is invalid." + HINT.formatted("vgcfgrestore"),
                        3),
                new Bad("vgcfgrestore vg0 other", "  Command does not accept argument: other.", 3),
                new Bad("vgcfgrestore --list -f /nonexistent", "  Archive file /nonexistent not found.", 5));
    }

    @Test
    void badInputLeavesTheVgAsItWas() throws Exception {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        Path pv = tmp.resolve("pv0.img");
        j.ok("pvcreate", "--size", "1g", pv.toString());
        j.ok("vgcreate", "vg0", pv.toString());
        j.ok("lvcreate", "--type", "thin-pool", "-L", "200m", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "1g", "-T", "vg0/pool0", "-n", "thin1");
        j.ok("lvcreate", "-L", "12m", "-n", "lin", "vg0");
        j.ok("lvcreate", "-L", "400m", "-n", "lin2", "vg0");
        j.ok("lvextend", "--poolmetadatasize", "8m", "vg0/pool0");
        VgState before = VgState.of(j, pv);
        for (Bad b : cases()) {
            JlvmRunner.Result r = j.run(b.command().split(" "));
            assertEquals(b.err() + "\n", r.err(), b.command() + "\n" + r);
            assertEquals(b.rc(), r.rc(), b.command() + "\n" + r);
            before.assertUnchanged(j, pv);
        }
    }
}
