package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jlvm.cli.JlvmRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lvconvert --repair} against the real lvm2 2.03.16 session on a real kernel
 * ({@code testdata/lvm-captures/kernel-05-repair.txt}): the repair of good metadata, of metadata whose superblock
 * is gone, and of metadata the kernel had formatted afresh print what lvm printed (stdout, stderr, exit code) and
 * leave the LVs, attributes and extents lvm left; the repaired metadata keeps every mapping (thin_dump equal to
 * the original's), the real thin_check 0.9.0 and 1.1.0 accept it, the thin LV reads back its data, and the
 * unrepaired metadata stays readable in {@code pool0_metaN}.
 */
class LvConvertRepairTest {
    private static final String CAPTURE = "kernel-05-repair.txt";

    @TempDir
    Path tmp;
    private JlvmRunner j;
    private String pv;
    private byte[] data;

    /** The capture's set-up: vg0 on a 1 GiB PV, pool0 of 200 MiB (64 KiB chunks), thin1 with 8 MiB of data, snap1. */
    @BeforeEach
    void vg() throws Exception {
        j = new JlvmRunner(tmp.resolve("home"));
        pv = tmp.resolve("vda.img").toString();
        j.ok("pvcreate", "--size", "1g", pv);
        j.ok("vgcreate", "vg0", pv);
        j.ok("lvcreate", "--type", "thin-pool", "-L", "200m", "-c", "64k", "-n", "pool0", "vg0");
        j.ok("lvcreate", "-V", "1g", "-T", "vg0/pool0", "-n", "thin1");
        long seed = System.nanoTime();
        System.out.println("LvConvertRepairTest data seed=" + seed);
        data = new byte[8 << 20];
        new Random(seed).nextBytes(data);
        lvs().onThin("thin1", thin1 -> thin1.write(0, ByteBuffer.wrap(data)));
        j.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
    }

    private PoolLvs lvs() {
        return new PoolLvs(j.home(), "vg0");
    }

    private Path lvBytes(String name) throws Exception {
        return lvs().bytesOf(name, tmp);
    }

    private String dump(Path metadata) {
        return j.ok("thin_dump", metadata.toString()).out();
    }

    /** The {@code n}th block (from 0) of the capture whose command is {@code command}. */
    private static LvResizeCapturesTest.KernelBlock block(String command, int n) throws Exception {
        return LvResizeCapturesTest.kernelBlocks(CAPTURE).stream().filter(b -> b.command().equals(command)).toList()
                .get(n);
    }

    private List<LvResizeCapturesTest.KernelBlock> repairs() throws Exception {
        return LvResizeCapturesTest.kernelBlocks(CAPTURE).stream()
                .filter(b -> b.command().startsWith("lvconvert --repair")).toList();
    }

    private void replay(LvResizeCapturesTest.KernelBlock b) {
        JlvmRunner.Result r = j.run(b.command().split(" "));
        assertEquals(b.out(), r.out().lines().toList(), b.command() + "\n" + r);
        assertEquals(b.err(), r.err().lines().toList(), b.command() + "\n" + r);
        assertEquals(b.rc(), r.rc(), b.command() + "\n" + r);
    }

    /** lv_name, lv_attr, lv_size and PE ranges of {@code lvs -a -o +seg_pe_ranges} as the capture's block {@code n}. */
    private void sameLayoutAs(int n) throws Exception {
        List<LvResizeCapturesTest.KernelBlock> listings = LvResizeCapturesTest.kernelBlocks(CAPTURE).stream()
                .filter(b -> b.command().equals("lvs -a -o +seg_pe_ranges")).toList();
        List<String> out = listings.get(n).out();
        List<String> theirs = new ArrayList<>();
        for (String row : out.subList(1, out.size())) {
            String[] f = row.trim().split(" +");
            String range = f[f.length - 1];
            theirs.add(String.join(" ", f[0], f[2], f[3],
                    range.startsWith("/dev/vda:") ? range.replace("/dev/vda:", pv + ":") : range.contains(":") ? range : "-"));
        }
        List<String> ours = new ArrayList<>();
        for (String row : j.ok("lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,lv_size,seg_pe_ranges",
                "--separator", "|").rows()) {
            String[] f = row.split("\\|", -1);
            ours.add(String.join(" ", f[0].trim(), f[1], f[2].trim(), f[3].isEmpty() ? "-" : f[3]));
        }
        assertEquals(theirs, ours);
    }

    @Test
    void repairsAsTheKernelSessionRecorded() throws Exception {
        Path before = lvBytes("pool0_tmeta");
        String dumpBefore = dump(before);
        assertTrue(dumpBefore.contains("<range_mapping") || dumpBefore.contains("<single_mapping"), dumpBefore);

        // 1: good metadata
        replay(repairs().get(0));
        sameLayoutAs(1);
        PoolChecks.check(j.home(), "vg0", true, tmp);
        assertEquals(dumpBefore, dump(lvBytes("pool0_tmeta")), "the repaired metadata maps what the old did");
        assertEquals(dumpBefore, dump(lvBytes("pool0_meta0")), "pool0_meta0 keeps the unrepaired metadata");
        byte[] back = new byte[data.length];
        lvs().onThin("thin1", thin1 -> thin1.read(0, ByteBuffer.wrap(back)));
        assertArrayEquals(data, back, "thin1 reads its data through the repaired metadata");

        // activation runs thin_check first (passes), and lvm's counts
        replay(block("vgchange -ay vg0", 0));
        replay(block("vgchange -an vg0", 1));

        // 2: the superblock overwritten with text: activation refuses the pool (thin_check fails) but activates
        // the rest; thin_repair needs the transaction id, nothing changes
        byte[] text = "not a superblock \n".repeat(4096 / 18 + 1).substring(0, 4096).getBytes(StandardCharsets.US_ASCII);
        lvs().write("pool0_tmeta", text);
        Path damaged = lvBytes("pool0_tmeta");
        replay(block("vgchange -ay vg0", 1));
        replay(block("lvchange -ay vg0/thin1", 0));
        replay(block("vgchange -an vg0", 2));
        assertArrayEquals(Files.readAllBytes(damaged), Files.readAllBytes(lvBytes("pool0_tmeta")),
                "a failed check writes nothing");
        String vgBefore = j.ok("lvs", "-a", "-o", "lv_name,lv_attr,seg_pe_ranges,lv_uuid").out();
        replay(repairs().get(1));
        assertEquals(vgBefore, j.ok("lvs", "-a", "-o", "lv_name,lv_attr,seg_pe_ranges,lv_uuid").out());
        replay(block("vgchange -ay vg0", 2));
        replay(block("vgchange -an vg0", 3));

        // 3: fresh metadata with transaction 0, as the kernel formats a zeroed superblock: repaired with lvm's
        // transaction id error, the layout lvm left
        Path fresh = tmp.resolve("fresh.meta");
        Path xml = tmp.resolve("fresh.xml");
        Files.writeString(xml, "<superblock uuid=\"\" time=\"0\" transaction=\"0\" flags=\"0\" version=\"2\" "
                + "data_block_size=\"128\" nr_data_blocks=\"3200\">\n</superblock>\n");
        Files.write(fresh, new byte[4 << 20]);
        j.ok("thin_restore", "-i", xml.toString(), "-o", fresh.toString());
        lvs().write("pool0_tmeta", fresh);
        replay(repairs().get(2));
        sameLayoutAs(3);
        assertTrue(dump(lvBytes("pool0_tmeta")).startsWith("<superblock uuid=\"\" time=\"0\" transaction=\"0\""));
    }

    @Test
    void refusals() throws Exception {
        JlvmRunner.Result thin = j.run("lvconvert", "--repair", "vg0/thin1");
        assertEquals(5, thin.rc(), thin.toString());
        assertEquals(List.of("  Command on LV vg0/thin1 does not accept LV type thin.",
                "  Command not permitted on LV vg0/thin1."), thin.err().lines().toList());
        JlvmRunner.Result off = j.run("lvconvert", "--repair", "--config", "global/thin_repair_executable=\"\"",
                "vg0/pool0");
        assertEquals(5, off.rc(), off.toString());
        assertEquals(List.of("  Thin repair commnand is not configured. Repair is disabled."), off.err().lines().toList());
        JlvmRunner.Result missing = j.run("lvconvert", "--repair", "vg0/nosuch");
        assertEquals(5, missing.rc(), missing.toString());
        assertEquals(List.of("  Failed to find logical volume \"vg0/nosuch\""), missing.err().lines().toList());
        JlvmRunner.Result both = j.run("lvconvert", "--repair", "--type", "thin-pool", "vg0/pool0");
        assertEquals(3, both.rc(), both.toString());
        assertTrue(j.ok("lvs", "-a", "-o", "lv_name", "--noheadings").rows().stream()
                .noneMatch(n -> n.contains("_meta0")), "no refusal changed the VG");
    }

    @Test
    void anActivePoolIsRefused() throws Exception {
        try (DaemonHome h = DaemonHome.thinVg(tmp.resolve("active"), "200m")) {
            h.j.ok("lvchange", "-ay", "vg0/thin1");
            JlvmRunner.Result r = h.j.run("lvconvert", "--repair", "vg0/pool0");
            assertEquals(5, r.rc(), r.toString());
            assertEquals(List.of("  Active pools cannot be repaired.  Use lvchange -an first."), r.err().lines().toList());
            h.j.ok("vgchange", "-an", "vg0");
            h.awaitNoDaemon();
            h.j.ok("lvconvert", "--repair", "vg0/pool0");
            assertTrue(h.j.ok("lvs", "-a", "-o", "lv_name", "--noheadings").rows().contains("pool0_meta0"));
        }
    }
}
