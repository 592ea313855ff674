package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.VgBackups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives and vgcfgrestore as lvm keeps and does them: one archive per command (the metadata as the command
 * found it, "Created *before* executing"), lvm's expiry (retain_min 10, retain_days 30), a restore that brings
 * back an old linear layout with the file's seqno + 1, thin VGs only with {@code --force}, and the
 * transaction_id mismatch a forced restore leaves, which the next thin command reports with libdm's message and
 * without changing anything.
 */
class VgCfgRestoreTest {
    @TempDir
    Path tmp;

    private JlvmRunner vg() {
        JlvmRunner j = new JlvmRunner(tmp.resolve("home"));
        String pv = tmp.resolve("pv0.img").toString();
        j.ok("pvcreate", "--size", "256m", pv);
        j.ok("vgcreate", "vg0", pv);
        return j;
    }

    private static List<Path> archives(JlvmRunner j) throws Exception {
        return VgBackups.archives(new LvmHome(j.home()).archiveDir(), "vg0");
    }

    @Test
    void oneArchivePerCommandAndLvmExpiry() throws Exception {
        JlvmRunner j = vg();
        assertEquals(0, archives(j).size(), "vgcreate has nothing to archive");
        j.ok("lvcreate", "--type", "thin-pool", "-L", "32m", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "64m", "-T", "vg0/pool0", "-n", "thin1"); // two VG commits, one archive
        List<Path> a = archives(j);
        assertEquals(2, a.size(), a.toString());
        assertTrue(a.get(1).getFileName().toString().matches("vg0_00001-\\d+\\.vg"), a.toString());
        String text = Files.readString(a.get(1));
        assertTrue(text.contains("description = \"Created *before* executing 'lvcreate -V 64m -T vg0/pool0 -n thin1'\""),
                text);
        assertTrue(text.contains("seqno = 2"), text);
        String backup = Files.readString(new LvmHome(j.home()).backupDir().resolve("vg0"));
        assertTrue(backup.contains("description = \"Created *after* executing 'lvcreate -V 64m -T vg0/pool0 -n thin1'\""),
                backup);
        // twelve archives older than retain_days: the next command keeps retain_min (10) of them
        for (int i = 0; i < 10; i++) {
            j.ok("lvcreate", "-L", "4m", "-n", "l" + i, "vg0");
        }
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 40L * 86400 * 1000);
        for (Path p : archives(j)) {
            Files.setLastModifiedTime(p, old);
        }
        assertEquals(12, archives(j).size());
        j.ok("lvremove", "vg0/l0");
        List<Path> left = archives(j);
        assertEquals(10, left.size(), left.toString());
        assertTrue(left.get(0).getFileName().toString().startsWith("vg0_00003-"), left.toString());
        assertTrue(left.get(9).getFileName().toString().startsWith("vg0_00012-"), left.toString());
    }

    @Test
    void restoreLinearLayoutAndRefuseThinWithoutForce() throws Exception {
        JlvmRunner j = vg();
        j.ok("lvcreate", "-L", "8m", "-n", "a", "vg0");
        j.ok("lvcreate", "-L", "8m", "-n", "b", "vg0");
        j.ok("lvremove", "vg0/a");
        Path beforeRemove = archives(j).get(archives(j).size() - 1);
        assertEquals(List.of("b"), j.ok("lvs", "--noheadings", "-o", "lv_name").rows());
        JlvmRunner.Result r = j.ok("vgcfgrestore", "-f", beforeRemove.toString(), "vg0");
        assertEquals("  Restored volume group vg0.\n", r.out());
        assertEquals("", r.err());
        assertEquals(List.of("a", "b"), j.ok("lvs", "--noheadings", "-o", "lv_name").rows());
        assertEquals(List.of("4"), j.ok("vgs", "--noheadings", "-o", "vg_seqno").rows(), "the file's seqno (3) + 1");

        // a thin VG: lvm's refusal without --force, the VG untouched
        j.ok("lvcreate", "--type", "thin-pool", "-L", "32m", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "64m", "-T", "vg0/pool0", "-n", "thin1");
        Path beforeThin2 = tmp.resolve("before-thin2.vg");
        j.ok("vgcfgbackup", "-f", beforeThin2.toString(), "vg0");
        j.ok("lvcreate", "-V", "64m", "-T", "vg0/pool0", "-n", "thin2");
        VgState before = VgState.of(j, tmp.resolve("pv0.img"));
        JlvmRunner.Result refused = j.run("vgcfgrestore", "-f", beforeThin2.toString(), "vg0");
        assertEquals(5, refused.rc());
        assertEquals("  Consider using option --force to restore Volume Group vg0 with thin volumes.\n"
                + "  Restore failed.\n", refused.err());
        before.assertUnchanged(j, tmp.resolve("pv0.img"));

        // forced: lvm's warning; the pool metadata (transaction 2) is now ahead of the VG (1)
        JlvmRunner.Result forced = j.ok("vgcfgrestore", "--force", "-f", beforeThin2.toString(), "vg0");
        assertEquals("  WARNING: Forced restore of Volume Group vg0 with thin volumes.\n", forced.err());
        assertEquals("  Restored volume group vg0.\n", forced.out());
        VgState restored = VgState.of(j, tmp.resolve("pv0.img"));
        JlvmRunner.Result mismatch = j.run("lvcreate", "-V", "8m", "-T", "vg0/pool0", "-n", "thin3");
        assertEquals(5, mismatch.rc(), mismatch.toString());
        assertEquals("  Thin pool vg0-pool0-tpool transaction_id is 2, while expected 1.\n", mismatch.err());
        restored.assertUnchanged(j, tmp.resolve("pv0.img"));
        // the way out lvm users take: restore the metadata that matches the pool
        j.ok("vgcfgrestore", "--force", "vg0");
        j.ok("lvcreate", "-V", "8m", "-T", "vg0/pool0", "-n", "thin3");
        PoolChecks.check(j.home(), "vg0", true, tmp);
    }

    @Test
    void listShowsArchivesThenBackup() throws Exception {
        JlvmRunner j = vg();
        j.ok("lvcreate", "-L", "8m", "-n", "a", "vg0");
        List<String> lines = j.ok("vgcfgrestore", "--list", "vg0").out().lines().toList();
        Path archive = archives(j).get(0);
        Path backup = new LvmHome(j.home()).backupDir().resolve("vg0");
        assertEquals(12, lines.size(), lines.toString());
        assertEquals("   ", lines.get(0));
        assertEquals("  File:\t\t" + archive + "/" + archive.getFileName(), lines.get(1));
        assertEquals("  VG name:    \tvg0", lines.get(2));
        assertEquals("  Description:\tCreated *before* executing 'lvcreate -L 8m -n a vg0'", lines.get(3));
        assertTrue(lines.get(4).matches("  Backup Time:\t\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}"),
                lines.get(4));
        assertEquals("", lines.get(5));
        assertEquals("  File:\t\t" + backup + "/vg0", lines.get(7));
        assertEquals("  Description:\tCreated *after* executing 'lvcreate -L 8m -n a vg0'", lines.get(9));
        assertEquals(List.of("No archives found in " + j.home().resolve("archive") + "."),
                j.ok("vgcfgrestore", "--list", "other").rows());
    }
}
