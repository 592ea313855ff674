package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.RawLocn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input for vgextend, vgreduce, vgrename, pvresize, pvck and vgck: lvm's message and exit code, and every
 * PV's label and metadata area byte for byte as before (so the seqno too). A damaged metadata text hides its VG
 * (lvm's "not found"), pvck and vgck report it, and {@code vgck --updatemetadata} repairs a VG that has another
 * good copy.
 */
class VgVerbsErrorsTest {
    @TempDir
    Path tmp;

    private JlvmRunner j;
    private Path a;
    private Path b;
    private Path c;
    private Path d;
    private Path e;

    @BeforeEach
    void setUp() {
        j = new JlvmRunner(tmp.resolve("home"));
        a = tmp.resolve("a.img");
        b = tmp.resolve("b.img");
        c = tmp.resolve("c.img");
        d = tmp.resolve("d.img");
        e = tmp.resolve("e.img");
        for (Path p : List.of(a, b, c, e)) {
            j.ok("pvcreate", "--size", "64m", p.toString());
        }
        j.ok("vgcreate", "vg0", a.toString(), c.toString());
        j.ok("vgcreate", "vg1", b.toString());
        j.ok("lvcreate", "-L", "100m", "-n", "lv1", "vg0");
    }

    /** Labels and metadata areas (the first MiB) of the PVs. */
    private byte[][] heads() throws IOException {
        List<Path> pvs = List.of(a, b, c, e);
        byte[][] out = new byte[pvs.size()][];
        for (int i = 0; i < pvs.size(); i++) {
            try (RandomAccessFile f = new RandomAccessFile(pvs.get(i).toFile(), "r")) {
                out[i] = new byte[1 << 20];
                f.readFully(out[i]);
            }
        }
        return out;
    }

    private void fails(int rc, String err, String... command) throws IOException {
        byte[][] before = heads();
        JlvmRunner.Result r = j.run(command);
        assertEquals(rc, r.rc(), r.toString());
        assertEquals(err, r.err(), r.toString());
        byte[][] after = heads();
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], String.join(" ", command) + " changed PV " + i);
        }
    }

    @Test
    void refusalsLeaveEveryPvAsItWas() throws IOException {
        fails(5, "  Physical volume '" + b + "' is already in volume group 'vg1'\n  Unable to add physical volume '" + b
                + "' to volume group 'vg1'\n  " + b + ": physical volume not initialized.\n", "vgextend", "vg0", b.toString());
        fails(5, "  No device found for " + d + ".\n", "vgextend", "vg0", d.toString());
        fails(5, "  Volume group \"nosuch\" not found\n  Cannot process volume group nosuch\n", "vgextend", "nosuch",
                e.toString());
        fails(5, "  Physical volume \"" + a + "\" still in use\n", "vgreduce", "vg0", a.toString());
        fails(5, "  Can't remove final physical volume \"" + b + "\" from volume group \"vg1\"\n", "vgreduce", "vg1",
                b.toString());
        fails(5, "  Failed to find physical volume \"" + b + "\".\n", "vgreduce", "vg0", b.toString());
        fails(3, "  Command does not accept argument: " + a + ".\n", "vgreduce", "-a", "vg0", a.toString());
        fails(5, "  New VG name \"vg1\" already exists\n", "vgrename", "vg0", "vg1");
        fails(5, "  Old and new volume group names must differ\n", "vgrename", "vg0", "vg0");
        fails(5, "  Name contains invalid character, valid set includes: [a-zA-Z0-9.-_+].\n"
                + "  New volume group name \"a b\" is invalid.\n", "vgrename", "vg0", "a b");
        fails(5, "  Volume group \"nosuch\" not found\n  Cannot process volume group nosuch\n", "vgrename", "nosuch", "x");
        fails(5, "  Cannot use " + d + ": device not found\n", "pvresize", d.toString());
        fails(5, "  WARNING: " + a + ": Pretending size is 2048 not 131072 sectors.\n"
                + "  Size must exceed minimum of 4096 sectors on PV " + a + ".\n", "pvresize", "-y", "--setphysicalvolumesize", "1m",
                a.toString());
        fails(5, b + ": Requested size 32.00 MiB is less than real size 64.00 MiB. Proceed?  [y/n]: [n]\n"
                + "  Physical Volume " + b + " not resized.\n", "pvresize", "--setphysicalvolumesize", "32m", b.toString());
        fails(3, "  Options -e and -n are incompatible\n  Run `pvscan --help' for more information.\n", "pvscan", "-e",
                "-n");
        fails(5, "  Cannot use " + d + ": device not found\n", "pvdisplay", d.toString());
        fails(5, "  Volume group \"nosuch\" not found\n  Cannot process volume group nosuch\n", "lvdisplay", "nosuch/lv");
        fails(5, "  Volume group \"nosuch\" not found\n  Cannot process volume group nosuch\n", "vgck", "nosuch");
        fails(5, "  Cannot access device " + d + ".\n", "pvck", d.toString());
        fails(3, "  Parse error at line 1 column 12: expected '}' to close section allocation, found end of text\n"
                + "  Failed to set overridden configuration entries.\n  Run `vgextend --help' for more information.\n",
                "vgextend", "--config", "allocation{", "vg0", b.toString());
    }

    @Test
    void aFileThatIsNotAPv() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(d.toFile(), "rw")) {
            f.setLength(64 << 20);
        }
        JlvmRunner.Result r = j.run("pvresize", d.toString());
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Failed to find physical volume \"" + d + "\".\n", r.err());
        r = j.run("pvck", d.toString());
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Could not find LVM label on " + d + "\n", r.err());
    }

    /** Flips a byte of the committed metadata text of {@code pv}. */
    static void damageText(Path pv) throws IOException {
        long at;
        try (PhysicalVolumeFile f = PhysicalVolumeFile.open(pv, true)) {
            RawLocn r = f.metadataAreas().get(0).header().committed();
            at = f.metadataAreas().get(0).start() + r.offset() + 30;
        }
        try (RandomAccessFile f = new RandomAccessFile(pv.toFile(), "rw")) {
            f.seek(at);
            int v = f.read();
            f.seek(at);
            f.write(v ^ 0x20);
        }
    }

    @Test
    void damagedMetadataText() throws IOException {
        damageText(b);
        String notFound = "  Volume group \"vg1\" not found\n  Cannot process volume group vg1\n";
        fails(5, notFound, "vgrename", "vg1", "vgz");
        fails(5, notFound, "vgextend", "vg1", e.toString());
        fails(5, notFound, "vgdisplay", "vg1");
        JlvmRunner.Result ck = j.run("pvck", b.toString());
        assertEquals(5, ck.rc(), ck.toString());
        assertTrue(ck.out().startsWith("  CHECK: metadata text at "), ck.toString());
        assertTrue(ck.out().contains(" crc does not match mda_header_1.raw_locn[0].checksum\n  Found label on " + b
                + ", sector 1, type=LVM2 001\n  Found text metadata area: offset=4096, size=1044480\n"), ck.toString());
        assertEquals("  Command failed with status code 5.\n", ck.err());
        JlvmRunner.Result vgck = j.run("vgck", "vg1");
        assertEquals(5, vgck.rc(), vgck.toString());
        assertTrue(vgck.err().contains("  WARNING: scan failed to get metadata summary from " + b + " PVID "), vgck.toString());
        assertTrue(vgck.err().endsWith(notFound), vgck.toString());
        // the other VG is still there, and a damaged PV is no orphan to take
        assertEquals(List.of("vg0"), j.ok("vgs", "--noheadings", "-o", "vg_name").rows());
        fails(5, "  Cannot use " + b + ": its LVM metadata cannot be read (see pvck).\n  Unable to add physical volume '"
                + b + "' to volume group 'vg0'\n", "vgextend", "vg0", b.toString());
    }

    @Test
    void vgckFindsAndRepairsABadCopy() throws IOException {
        damageText(c);
        JlvmRunner.Result vgck = j.run("vgck", "vg0");
        assertEquals(0, vgck.rc(), vgck.toString());
        assertTrue(vgck.err().startsWith("  WARNING: Checksum error on " + c + " at offset "), vgck.toString());
        assertTrue(vgck.err().endsWith("  WARNING: repair VG metadata on " + c + " with vgck --updatemetadata.\n"
                + "  WARNING: Reading VG vg0 on " + c + " failed.\n"), vgck.toString());
        assertEquals(5, j.run("pvck", c.toString()).rc());
        String seqno = j.ok("vgs", "--noheadings", "-o", "vg_seqno", "vg0").rows().get(0);
        j.ok("vgck", "--updatemetadata", "vg0");
        assertEquals(Long.parseLong(seqno) + 1, Long.parseLong(j.ok("vgs", "--noheadings", "-o", "vg_seqno", "vg0").rows().get(0)));
        assertEquals("", j.ok("vgck", "vg0").err());
        assertEquals(0, j.run("pvck", c.toString()).rc());
    }

    @Test
    void vgreduceCutBeforeTheOrphaningWrite() throws IOException {
        j.ok("vgextend", "vg1", e.toString());
        byte[] before = heads()[3];
        j.ok("vgreduce", "vg1", e.toString());
        // the power fails after the VG commit, before e's label and mda are rewritten: e keeps its old VG text
        try (RandomAccessFile f = new RandomAccessFile(e.toFile(), "rw")) {
            f.write(before);
        }
        assertEquals(List.of(e + "::---"), j.ok("pvs", "--noheadings", "--separator", ":", "-o",
                "pv_name,vg_name,pv_attr", e.toString()).rows());
        assertEquals("", j.ok("vgck", "vg1").err());
        assertEquals(List.of("1"), j.ok("vgs", "--noheadings", "-o", "pv_count", "vg1").rows());
        j.ok("vgextend", "vg0", e.toString());
        assertEquals(List.of("3"), j.ok("vgs", "--noheadings", "-o", "pv_count", "vg0").rows());
    }

    @Test
    void vgcreateInitializesAFileThatIsNoPv() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(d.toFile(), "rw")) {
            f.setLength(64 << 20);
        }
        // recorded from lvm2 2.03.16: vgcreate on a device that is no PV prints pvcreate's line first
        JlvmRunner.Result r = j.ok("vgcreate", "vgd", d.toString());
        assertEquals("  Physical volume \"" + d + "\" successfully created.\n  Volume group \"vgd\" successfully created\n",
                r.out());
    }

    @Test
    void vgckReportsOldCopiesAndMissingPvs() throws IOException {
        byte[] old = heads()[2];
        long seqno = Long.parseLong(j.ok("vgs", "--noheadings", "-o", "vg_seqno", "vg0").rows().get(0));
        j.ok("lvcreate", "-L", "4m", "-n", "lv2", "vg0");
        try (RandomAccessFile f = new RandomAccessFile(c.toFile(), "rw")) {
            f.write(old);
        }
        JlvmRunner.Result r = j.ok("vgck", "vg0");
        assertEquals("  WARNING: ignoring metadata seqno " + seqno + " on " + c + " for seqno " + (seqno + 1) + " on " + a
                + " for VG vg0.\n  WARNING: Inconsistent metadata found for VG vg0.\n"
                + "  See vgck --updatemetadata to correct inconsistency.\n", r.err());
        j.ok("vgck", "--updatemetadata", "vg0");
        assertEquals("", j.ok("vgck", "vg0").err());
        j.ok("lvmdevices", "--deldev", c.toString());
        r = j.ok("vgck", "vg0");
        assertTrue(r.err().startsWith("  WARNING: Couldn't find device with uuid "), r.toString());
        assertTrue(r.err().contains(" (last written to " + c + ").\n"), r.toString());
    }
}
