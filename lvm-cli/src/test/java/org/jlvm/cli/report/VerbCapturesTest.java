package org.jlvm.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.text.VgTextReader;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.pool.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs {@code lvs}, {@code vgs} and {@code pvs} run in-process on the VG the recorded lvm2 2.03.16 sessions
 * report (the crafted thin VG of testdata/lvm-captures, written with its PV UUIDs onto two 256 MiB PV files):
 * stdout and stderr byte for byte as recorded, apart from what cannot be the same: the state and open characters
 * of lv_attr (lvm's {@code XX} with activation off, jlvm's {@code --}: nothing is active), the PV paths (files
 * here, loop devices there) and jlvm's own fields in the field list. The pool's {@code _tmeta} holds no thin
 * metadata here, so Data% and Meta% stay blank, as lvm leaves them for an inactive pool.
 */
class VerbCapturesTest {

    private static final String F02 = "02-thin-vg-restore-and-lvs.txt";
    private static final String F03 = "03-report-options.txt";

    @TempDir
    static Path tmp;
    static JlvmRunner jlvm;
    static String pv0;
    static String pv1;

    @BeforeAll
    static void restoreTheCapturedVg() throws Exception {
        jlvm = new JlvmRunner(tmp.resolve("home"));
        pv0 = tmp.resolve("pv0").toString();
        pv1 = tmp.resolve("pv1").toString();
        VolumeGroup vg = VgTextReader.read(Files.readString(TestData.dir("lvm-captures")
            .resolve("vg-thin.crafted-backup.txt"), StandardCharsets.UTF_8)).vg();
        jlvm.ok("pvcreate", "-q", "--size", "256m", "-u", vg.pvs().get(0).id().formatted(), pv0);
        jlvm.ok("pvcreate", "-q", "--size", "256m", "-u", vg.pvs().get(1).id().formatted(), pv1);
        LvmHome home = new LvmHome(tmp.resolve("home"));
        try (PvSet set = PvSet.open(home, true)) {
            List<PhysicalVolumeFile> files = List.of(set.byPath(Path.of(pv0)).orElseThrow().pv(),
                set.byPath(Path.of(pv1)).orElseThrow().pv());
            VgSession.create(new LvmSettings(home, "test", false, 300), files, vg, vg.seqno());
        }
    }

    /** Runs the command in-process and compares with the recorded block, lv_attr's state characters aside. */
    private static void same(String file, String recorded, String... command) throws IOException {
        Captures.Block b = Captures.find(file, recorded);
        JlvmRunner.Result r = jlvm.run(command);
        String expected = b.output().replaceAll("([-a-zA-Z]{4})XX([-a-zA-Z]{4})", "$1--$2");
        assertEquals(expected, r.out() + r.err(), recorded);
        assertEquals(b.exit(), r.rc(), recorded + ": exit code");
    }

    @Test
    void defaultReports() throws IOException {
        same(F02, "lvs", "lvs");
        same(F02, "lvs -a", "lvs", "-a");
        same(F02, "vgs", "vgs");
        same(F02, "vgs -o +vg_extent_size,vg_free_count,lv_count,snap_count",
            "vgs", "-o", "+vg_extent_size,vg_free_count,lv_count,snap_count");
    }

    @Test
    void thinFieldsOneRowPerSegment() throws IOException {
        String fields = "lv_name,lv_attr,lv_size,pool_lv,origin,chunk_size,discards,zero,lv_when_full,thin_id,"
            + "transaction_id,skip_activation,lv_layout,lv_role,lv_metadata_size,data_lv,metadata_lv,thin_count";
        same(F02, "lvs -a -o " + fields, "lvs", "-a", "-o", fields);
    }

    @Test
    void reportOptions() throws IOException {
        same(F03, "lvs --reportformat json", "lvs", "--reportformat", "json");
        same(F03, "lvs --reportformat json_std -o lv_name,lv_size,skip_activation --binary",
            "lvs", "--reportformat", "json_std", "-o", "lv_name,lv_size,skip_activation", "--binary");
        same(F03, "lvs --noheadings --separator : -o lv_name,lv_attr,lv_size,pool_lv --units m --nosuffix",
            "lvs", "--noheadings", "--separator", ":", "-o", "lv_name,lv_attr,lv_size,pool_lv", "--units", "m",
            "--nosuffix");
        same(F03, "lvs --noheadings -o lv_name,lv_size --units b", "lvs", "--noheadings", "-o", "lv_name,lv_size",
            "--units", "b");
        same(F03, "lvs -S pool_lv=pool0 && skip_activation=0 -o lv_name,origin",
            "lvs", "-S", "pool_lv=pool0 && skip_activation=0", "-o", "lv_name,origin");
        same(F03, "lvs -S lv_attr=~^V -o lv_name", "lvs", "-S", "lv_attr=~^V", "-o", "lv_name");
        same(F03, "lvs -S lv_size>100m -o lv_name,lv_size", "lvs", "-S", "lv_size>100m", "-o", "lv_name,lv_size");
        same(F03, "lvs -O -lv_size -o lv_name,lv_size", "lvs", "-O", "-lv_size", "-o", "lv_name,lv_size");
        same(F03, "lvs -o+chunk_size,thin_id -O thin_id", "lvs", "-o+chunk_size,thin_id", "-O", "thin_id");
        same(F03, "lvs -o-data_percent,metadata_percent,move_pv,mirror_log,copy_percent,convert_lv",
            "lvs", "-o-data_percent,metadata_percent,move_pv,mirror_log,copy_percent,convert_lv");
        same(F03, "lvs --units G vg/thin1", "lvs", "--units", "G", "vg/thin1");
        same(F03, "lvs --units h vg/thin1 vg/pool0", "lvs", "--units", "h", "vg/thin1", "vg/pool0");
        same(F03, "lvs --nameprefixes --noheadings -o lv_name,lv_attr vg/thin1",
            "lvs", "--nameprefixes", "--noheadings", "-o", "lv_name,lv_attr", "vg/thin1");
        same(F03, "lvs --rows -o lv_name,lv_size", "lvs", "--rows", "-o", "lv_name,lv_size");
        same(F03, "lvs -o lv_full_name,lv_path,lv_dm_path vg/thin1", "lvs", "-o", "lv_full_name,lv_path,lv_dm_path",
            "vg/thin1");
        same(F03, "lvs vg/nonexist", "lvs", "vg/nonexist");
        same(F03, "vgs --reportformat json", "vgs", "--reportformat", "json");
    }

    @Test
    void creationTimeInTheSystemZone() throws IOException {
        Captures.Block b = Captures.find(F03, "lvs -o lv_name,lv_time vg/thin1");
        JlvmRunner.Result r = jlvm.ok("lvs", "-o", "lv_name,lv_time", "--noheadings", "vg/thin1");
        String time = b.output().lines().skip(1).findFirst().orElseThrow().trim();
        String ours = r.out().trim();
        // lvm prints %Y-%m-%d %T %z in the local zone: the instant must be the recorded one
        assertEquals(java.time.OffsetDateTime.parse(time.substring(6).trim(),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx")).toInstant(),
            java.time.OffsetDateTime.parse(ours.substring(6).trim(),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx")).toInstant());
    }

    @Test
    void pvsWithThePvPathsOfTheRecording() throws IOException {
        Captures.Block json = Captures.find(F03, "pvs --reportformat json -o pv_name,pv_size,pv_free,pv_attr,vg_name");
        JlvmRunner.Result r = jlvm.ok("pvs", "--reportformat", "json", "-o", "pv_name,pv_size,pv_free,pv_attr,vg_name");
        assertEquals(json.output(), loops(r.out()));
        for (String[] c : new String[][] {{F02, "pvs"}, {F03, "pvs -o+pv_pe_count,pv_pe_alloc_count,pe_start"}}) {
            Captures.Block b = Captures.find(c[0], c[1]);
            List<String> args = new ArrayList<>(List.of(c[1].split(" ")));
            JlvmRunner.Result p = jlvm.ok(args.toArray(new String[0]));
            assertEquals(words(b.output()), words(loops(p.out())), c[1]);
        }
    }

    @Test
    void fieldListIsLvm2sWithJlvmsSectionBeforeTheSpecialFields() throws IOException {
        Captures.Block bogus = Captures.find(F03, "lvs -o bogus");
        JlvmRunner.Result r = jlvm.run("lvs", "-o", "bogus");
        assertEquals(bogus.output(), withoutJlvmSection(r.out() + r.err()));
        assertEquals(5, r.rc());
        JlvmRunner.Result help = jlvm.ok("lvs", "-o", "help");
        assertEquals(Captures.file("lvs-o-help.txt"), withoutJlvmSection(help.out()));
        String jlvmSection = help.out().substring(help.out().indexOf("  jlvm Logical Volume Fields"));
        assertEquals(List.of("jlvm Logical Volume Fields", "-".repeat("jlvm Logical Volume Fields".length()),
            "jlvm_all                    - All fields in this section.",
            "thin_exclusive              - For thin volumes, the data only this volume maps (jlvm; from the pool "
                + "metadata).",
            "thin_shared                 - For thin volumes, the data this volume shares with other thin devices of "
                + "its pool (jlvm).",
            "nbd_uri                     - Where an NBD client reaches the active LV (nbd+unix:///VG/LV?socket=PATH "
                + "or nbd://HOST:PORT/VG/LV); empty when the LV is not active (jlvm).",
            "", "Special Fields"), jlvmSection.lines().limit(8).map(String::trim).toList());
        assertEquals(Captures.file("lvs-o-help.txt").replaceAll("(?s).*Physical Volume Label Fields", ""),
            withoutJlvmSection(jlvm.ok("vgs", "-o", "help").out()).replaceAll("(?s).*Physical Volume Label Fields", ""),
            "vgs -o help lists the same catalogue");
    }

    private static String withoutJlvmSection(String text) {
        return text.replaceAll("(?s)  jlvm Logical Volume Fields\n.*?\n   \n", "");
    }

    private static String loops(String out) {
        return out.replace(pv0, "/dev/loop0").replace(pv1, "/dev/loop1");
    }

    private static List<String> words(String text) {
        return text.lines().map(l -> String.join(" ", l.trim().split("\\s+"))).toList();
    }
}
