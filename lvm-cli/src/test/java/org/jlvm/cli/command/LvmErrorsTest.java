package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.pool.io.FileBlockDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives lvm's message (texts recorded from lvm2 2.03.16, captures 06-errors) and exit code, and
 * leaves the VG as it was: the same seqno and the same metadata bytes.
 */
class LvmErrorsTest {
    private static final String HINT = "  Run `lvcreate --help' for more information.\n";

    @TempDir
    Path tmp;

    private JlvmRunner j;
    private Path a;
    private Path b;

    @BeforeEach
    void setUp() {
        j = new JlvmRunner(tmp.resolve("home"));
        a = tmp.resolve("a.img");
        b = tmp.resolve("b.img");
        j.ok("pvcreate", "--size", "1g", a.toString());
        j.ok("vgcreate", "vg0", a.toString());
        j.ok("lvcreate", "--type", "thin-pool", "-L", "100m", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "200m", "-T", "vg0/pool0", "-n", "thin1");
        JlvmRunner.Result lv1 = j.ok("lvcreate", "-L", "8m", "-n", "lv1", "vg0");
        // recorded: a linear LV in a VG whose thin LVs exceed the pools warns about "thin pools"
        assertEquals(java.util.List.of(
                "WARNING: You have not turned on protection against thin pools running out of space.",
                "WARNING: Set activation/thin_pool_autoextend_threshold below 100 to trigger automatic extension of thin pools before they get full.",
                "Logical volume \"lv1\" created."), lv1.rows());
        assertEquals("  WARNING: Sum of all thin volume sizes (200.00 MiB) exceeds the size of thin pools (100.00 MiB).\n",
                lv1.err());
    }

    private byte[] metadata() throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.open(a, true)) {
            return PhysicalVolumeFile.of(dev, a.toString()).metadataAreas().get(0).readCommitted().orElseThrow();
        }
    }

    private void fails(int rc, String err, String... command) {
        JlvmRunner.Result r = j.run(command);
        assertEquals(rc, r.rc(), r.toString());
        assertEquals(err, r.err(), r.toString());
    }

    @Test
    void lvcreateErrors() throws Exception {
        byte[] before = metadata();
        fails(3, "  Please specify name of existing pool.\n" + HINT, "lvcreate", "-V", "1g", "-n", "thin2", "vg0");
        fails(5, "  Pool nosuchpool not found in Volume group vg0.\n", "lvcreate", "-V", "1g", "-T", "vg0/nosuchpool", "-n", "thin2");
        fails(5, "  Logical volume vg0/lv1 is not a thin pool.\n", "lvcreate", "-V", "1g", "--thinpool", "lv1", "-n", "thin2", "vg0");
        fails(3, "  Inconsistent volume group names given: \"bad\" and \"vg0\"\n" + HINT, "lvcreate", "-L", "8m", "-n", "bad/name", "vg0");
        fails(3, "  Names including \"_tmeta\" are reserved. Please choose a different LV name.\n" + HINT,
                "lvcreate", "-L", "8m", "-n", "lv_tmeta", "vg0");
        fails(3, "  Names including \"_tdata\" are reserved. Please choose a different LV name.\n" + HINT,
                "lvcreate", "-L", "8m", "-n", "lv_tdata", "vg0");
        fails(3, "  Names starting \"snapshot\" are reserved. Please choose a different LV name.\n" + HINT,
                "lvcreate", "-L", "8m", "-n", "snapshot0", "vg0");
        fails(3, "  Names starting \"pvmove\" are reserved. Please choose a different LV name.\n" + HINT,
                "lvcreate", "-L", "8m", "-n", "pvmove0", "vg0");
        fails(3, "  Logical volume name \"-lv\" is invalid.\n" + HINT, "lvcreate", "-L", "8m", "-n", "-lv", "vg0");
        fails(3, "  Logical volume name \".\" is invalid.\n" + HINT, "lvcreate", "-L", "8m", "-n", ".", "vg0");
        String longName = "a".repeat(130);
        fails(3, "  Logical volume name \"" + longName + "\" is invalid.\n" + HINT, "lvcreate", "-L", "8m", "-n", longName, "vg0");
        fails(3, "  Please use a single volume group name (\"vg0\" or \"bad\").\n" + HINT,
                "lvcreate", "-V", "100m", "-T", "vg0/pool0", "-n", "bad/name");
        fails(3, "  Names including \"_tmeta\" are reserved. Please choose a different LV name.\n" + HINT,
                "lvcreate", "-V", "100m", "-T", "vg0/pool0", "-n", "thin_tmeta");
        fails(5, "  Logical Volume \"lv1\" already exists in volume group \"vg0\"\n", "lvcreate", "-L", "8m", "-n", "lv1", "vg0");
        fails(5, "  Logical Volume \"thin1\" already exists in volume group \"vg0\"\n",
                "lvcreate", "-V", "100m", "-T", "vg0/pool0", "-n", "thin1");
        fails(3, "  Logical volume name pool0 and pool name must be different.\n" + HINT,
                "lvcreate", "-V", "100m", "-T", "vg0/pool0", "-n", "pool0");
        fails(5, "  Logical Volume \"lv1\" already exists in volume group \"vg0\"\n", "lvcreate", "-s", "vg0/thin1", "-n", "lv1");
        // 1020 MiB: 255 extents, minus pool data 25, tmeta 1, spare 1, lv1 2
        fails(5, "  Volume group \"vg0\" has insufficient free space (226 extents): 25600 required.\n",
                "lvcreate", "-L", "100g", "-n", "big", "vg0");
        fails(5, "  Volume group \"vg0\" has insufficient free space (226 extents): 100000 required.\n",
                "lvcreate", "-l", "100000", "-n", "big", "vg0");
        JlvmRunner.Result pool = j.run("lvcreate", "--type", "thin-pool", "-L", "10g", "-n", "pool1", "vg0");
        assertEquals(5, pool.rc(), pool.toString());
        assertEquals("  Thin pool volume with chunk size 64.00 KiB can address at most <15.88 TiB of data.\n", pool.out());
        assertEquals("  Volume group \"vg0\" has insufficient free space (226 extents): 2560 required.\n", pool.err());
        fails(3, "  Thin pool chunk size 100.00 KiB must be a multiple of 64.00 KiB.\n" + HINT,
                "lvcreate", "--type", "thin-pool", "-L", "20m", "-c", "100k", "-n", "pool1", "vg0");
        fails(3, "  Thin pool chunk size 32.00 KiB is not in the range 64.00 KiB to 1.00 GiB.\n"
                + "  Thin pool chunk size 32.00 KiB must be a multiple of 64.00 KiB.\n" + HINT,
                "lvcreate", "--type", "thin-pool", "-L", "20m", "-c", "32k", "-n", "pool1", "vg0");
        fails(3, "  Thin pool chunk size 2.00 GiB is not in the range 64.00 KiB to 1.00 GiB.\n" + HINT,
                "lvcreate", "--type", "thin-pool", "-L", "20m", "-c", "2g", "-n", "pool1", "vg0");
        fails(3, "  Invalid argument for -L: 8x\n  Error during parsing of command line.\n", "lvcreate", "-L", "8x", "-n", "q", "vg0");
        fails(3, "  Invalid argument for -L: abc\n  Error during parsing of command line.\n", "lvcreate", "-L", "abc", "-n", "q", "vg0");
        fails(5, "  Volume group \"nosuchvg\" not found\n  Cannot process volume group nosuchvg\n",
                "lvcreate", "-L", "8m", "-n", "x", "nosuchvg");
        fails(5, "  Snapshot origin LV nosuch not found in Volume group vg0.\n", "lvcreate", "-s", "vg0/nosuch", "-n", "snapx");
        assertArrayEquals(before, metadata(), "the VG metadata did not change");
    }

    @Test
    void otherVerbsErrors() throws Exception {
        byte[] before = metadata();
        String notFound = "  Volume group \"nosuchvg\" not found\n  Cannot process volume group nosuchvg\n";
        fails(5, notFound, "lvs", "nosuchvg");
        fails(5, notFound, "vgs", "nosuchvg");
        fails(5, "  Failed to find logical volume \"vg0/nosuch\"\n", "lvs", "vg0/nosuch");
        fails(5, "  Failed to find logical volume \"vg0/nosuch\"\n", "lvremove", "vg0/nosuch");
        fails(5, "  Failed to find logical volume \"vg0/nosuch\"\n", "lvremove", "-y", "vg0/nosuch");
        fails(5, "  Logical volume nosuch not found in volume group vg0.\n", "lvextend", "-L", "+10m", "vg0/nosuch");
        fails(5, "  Physical volume '" + a + "' is already in volume group 'vg0'\n"
                + "  Unable to add physical volume '" + a + "' to volume group 'vg0'\n"
                + "  " + a + ": physical volume not initialized.\n", "vgcreate", "vg1", a.toString());
        fails(5, "  Can't initialize physical volume \"" + a + "\" of volume group \"vg0\" without -ff\n"
                + "  " + a + ": physical volume not initialized.\n", "pvcreate", a.toString());
        fails(3, "  Name contains invalid character, valid set includes: [a-zA-Z0-9.-_+].\n"
                + "  New volume group name \"bad/vg\" is invalid.\n  Run `vgcreate --help' for more information.\n",
                "vgcreate", "bad/vg", b.toString());
        fails(5, "  No device found for " + tmp.resolve("nosuchdev") + ".\n", "pvcreate", tmp.resolve("nosuchdev").toString());
        fails(5, "Do you really want to remove volume group \"vg0\" containing 3 logical volumes? [y/n]: [n]\n"
                + "  Volume group \"vg0\" not removed\n", "vgremove", "vg0");
        fails(5, "Removing pool vg0/pool0 will remove 1 dependent volume(s). Proceed? [y/n]: [n]\n"
                + "  Logical volume vg0/pool0 not removed.\n", "lvremove", "vg0/pool0");
        fails(5, "  Existing logical volume \"nosuch\" not found in volume group \"vg0\"\n", "lvrename", "vg0", "nosuch", "x");
        fails(5, "  Logical Volume \"lv1\" already exists in volume group \"vg0\"\n", "lvrename", "vg0", "thin1", "lv1");
        fails(5, "  New size given (1 extents) not larger than existing size (2 extents)\n", "lvextend", "-l", "1", "vg0/lv1");
        // a file that is not a PV
        Files.write(b, new byte[8 << 20]);
        fails(5, "  No PV found on device " + b + ".\n", "pvremove", b.toString());
        j.ok("pvcreate", b.toString());
        fails(5, "  A volume group called vg0 already exists.\n", "vgcreate", "vg0", b.toString());
        JlvmRunner.Result bad = j.run("lvs", "--bogus");
        assertEquals(3, bad.rc(), bad.toString());
        assertEquals("lvs: Unknown option: '--bogus'\n  Error during parsing of command line.\n", bad.err());
        assertArrayEquals(before, metadata(), "the VG metadata did not change");
        assertEquals(1, j.ok("vgs", "--noheadings", "-o", "vg_name").rows().size());
    }
}
