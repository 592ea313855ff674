package org.jlvm.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jlvm.pool.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kernel's lvm2 as oracle of the LVM layer, both directions, in two boots of
 * scripts/kernel-vm/run.sh (Debian's kernel with dm-thin, the host's lvm2 and thin_check in qemu).
 * <p>Boot 1: (a) the VM's lvm2 activates a VG that jlvm made on two PV files (thin pool spanning them, thin LVs, a
 * snapshot of a snapshot, a linear LV, data written through our thin engine; lvm runs thin_check at activation),
 * lists what jlvm lists and reads the bytes jlvm wrote; (b) the VM's lvm2 makes the same kind of VG on two fresh
 * files and writes data. On the host jlvm lists that VG as lvm2 did, reads every byte lvm2 wrote, and changes it
 * (snapshot, lvextend of a thin LV and of the pool, a new thin LV, lvremove, lvrename, writes, then lvconvert
 * --repair of the pool). Boot 2: the VM's lvm2 activates the changed VG (thin_check on the repaired metadata), lists
 * what jlvm lists and reads what jlvm wrote.
 */
class KernelLvmIT {
    private static final long MIB = 1L << 20;

    @TempDir
    Path tmp;

    /** One write of the scenario: {@code bytes} at {@code offset} of LV {@code lv}. */
    private record Write(String lv, long offset, byte[] bytes) {
    }

    /** What the LVs should hold: one byte array per LV, sized like the LV. */
    private final Map<String, byte[]> model = new LinkedHashMap<>();

    @Test
    void kernelLvm2AndJlvmReadEachOthersVgs() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("KernelLvmIT seed=" + seed);
        Random rnd = new Random(seed);
        List<Write> writes = List.of(
                new Write("thin1", 0, bytes(rnd, 2 * MIB)),
                new Write("thin1", 20 * MIB + 4096, bytes(rnd, 40960)),
                new Write("thin1", MIB + 4096, bytes(rnd, 65536)),     // after snap1: breaks sharing
                new Write("snap1", 8 * MIB, bytes(rnd, 12288)),       // after snap2
                new Write("lin", 0, bytes(rnd, MIB)));
        JlvmVolumes jlvm = new JlvmVolumes(tmp.resolve("home"));

        // (a) jlvm makes vgj on j0 + j1 and writes through the engine.
        Path j0 = tmp.resolve("j0.img");
        Path j1 = tmp.resolve("j1.img");
        jlvm.ok("pvcreate", "--size", "128m", j0.toString(), j1.toString());
        jlvm.ok("vgcreate", "vgj", j0.toString(), j1.toString());
        jlvm.ok("lvcreate", "-L", "8m", "-n", "lin", "vgj");
        jlvm.ok("lvcreate", "--type", "thin-pool", "-L", "96m", "-n", "pool0", "vgj");
        jlvm.ok("lvcreate", "-V", "32m", "-T", "vgj/pool0", "-n", "thin1");
        scenario(jlvm, writes);
        jlvm.ok("lvextend", "-L", "+16m", "vgj/thin1");
        grow("thin1", 48 * MIB);
        apply(jlvm, "vgj", List.of(new Write("thin1", 40 * MIB, bytes(rnd, MIB))));
        jlvm.ok("lvextend", "-L", "+16m", "vgj/pool0");       // _tdata now spans both PVs
        List<String> vgjOurs = jlvm.lvs("vgj");
        Map<String, byte[]> vgjModel = new LinkedHashMap<>(model);
        model.clear();

        // (b) the VM's lvm2 makes vgr on r0 + r1 with the same commands and writes the same kind of data.
        Path r0 = sparse("r0.img", 128 * MIB);
        Path r1 = sparse("r1.img", 128 * MIB);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            Path f = tmp.resolve("w" + i);
            Files.write(f, writes.get(i).bytes());
            files.add(f);
        }
        String boot1 = String.join("\n", prelude(),
                "phase A; vgchange -ay vgj 2>>/tmp/err; lvchange -ay -K vgj/snap1 vgj/snap2 2>>/tmp/err",
                report("A", "vgj", "lin", "thin1", "snap1", "snap2"),
                "phase B",
                "pvcreate -q /dev/vdc /dev/vdd; vgcreate -q vgr /dev/vdc /dev/vdd",
                "lvcreate -q -L 8m -n lin vgr",
                "lvcreate -q --type thin-pool -L 96m -n pool0 vgr 2>/dev/null",
                "lvcreate -q -V 32m -T vgr/pool0 -n thin1 2>/dev/null",
                vmWrite("vgr", writes.get(0), 0), vmWrite("vgr", writes.get(1), 1),
                "lvcreate -q -s vgr/thin1 -n snap1 2>/dev/null",
                vmWrite("vgr", writes.get(2), 2),
                "lvcreate -q -s vgr/snap1 -n snap2 2>/dev/null; lvchange -ay -K vgr/snap1 vgr/snap2",
                vmWrite("vgr", writes.get(3), 3), vmWrite("vgr", writes.get(4), 4),
                report("B", "vgr", "lin", "thin1", "snap1", "snap2"),
                "echo done", "");
        scenario(null, writes);

        VmRun vm1 = boot(boot1, files, List.of(j0, j1), List.of(r0, r1));
        assertSameListing(vgjOurs, vm1.lvs("A", Map.of("/dev/vda", j0, "/dev/vdb", j1)),
                "the kernel's lvm2 lists jlvm's VG as jlvm does\n" + vm1.out);
        vm1.assertShas("A", vgjModel);
        vm1.assertClean("A");

        // jlvm takes in lvm2's vgr: the same listing, every byte, then changes it.
        jlvm.ok("lvmdevices", "--adddev", r0.toString());
        jlvm.ok("lvmdevices", "--adddev", r1.toString());
        assertSameListing(jlvm.lvs("vgr"), vm1.lvs("B", Map.of("/dev/vdc", r0, "/dev/vdd", r1)),
                "jlvm lists lvm2's VG as lvm2 does\n" + vm1.out);
        vm1.assertShas("B", model);
        assertEquals(List.of(), vm1.lines("B-ERR "), vm1.out);
        for (Map.Entry<String, byte[]> lv : model.entrySet()) {
            assertArrayEquals(lv.getValue(), jlvm.read("vgr", lv.getKey()), "jlvm reads vgr/" + lv.getKey());
        }
        jlvm.ok("lvcreate", "-s", "vgr/thin1", "-n", "snap3");
        snapshot("thin1", "snap3");
        jlvm.ok("lvextend", "-L", "+16m", "vgr/thin1");
        grow("thin1", 48 * MIB);
        jlvm.ok("lvextend", "-L", "+16m", "vgr/pool0");
        jlvm.ok("lvcreate", "-V", "16m", "-T", "vgr/pool0", "-n", "thin2");
        model.put("thin2", new byte[(int) (16 * MIB)]);
        jlvm.ok("lvremove", "vgr/snap2");
        model.remove("snap2");
        jlvm.ok("lvrename", "vgr/lin", "vgr/lin2");
        model.put("lin2", model.remove("lin"));
        apply(jlvm, "vgr", List.of(new Write("thin1", 0, bytes(rnd, 8192)),
                new Write("thin1", 44 * MIB, bytes(rnd, MIB)), new Write("thin2", 4 * MIB, bytes(rnd, 3 * 65536)),
                new Write("lin2", 4 * MIB, bytes(rnd, 4096))));
        // lvconvert --repair: the pool's metadata rewritten into the spare, the old kept as pool0_meta0
        jlvm.ok("lvconvert", "--repair", "vgr/pool0");
        List<String> vgrOurs = jlvm.lvs("vgr");
        assertTrue(vgrOurs.stream().anyMatch(r -> r.startsWith("pool0_meta0:")), vgrOurs.toString());

        // Boot 2: the kernel's lvm2 activates what jlvm changed.
        String boot2 = String.join("\n", prelude(),
                "phase C; vgchange -ay vgr 2>>/tmp/err; lvchange -ay -K vgr/snap1 vgr/snap3 2>>/tmp/err",
                report("C", "vgr", model.keySet().toArray(String[]::new)), "echo done", "");
        VmRun vm2 = boot(boot2, List.of(), List.of(r0, r1), List.of());
        assertSameListing(vgrOurs, vm2.lvs("C", Map.of("/dev/vda", r0, "/dev/vdb", r1)),
                "the kernel's lvm2 lists the VG jlvm changed as jlvm does\n" + vm2.out);
        vm2.assertShas("C", model);
        vm2.assertClean("C");
    }

    /**
     * jlvm's and the kernel's lvs agree, Meta% apart from the kernel's metadata reserve: an active pool reports
     * its used metadata blocks plus min(4096, blocks / 10) that the kernel keeps back (dm-thin-metadata.c,
     * __set_metadata_reserve); jlvm reads the used blocks from the metadata on disk.
     */
    private static void assertSameListing(List<String> ours, List<String> kernel, String context) {
        assertEquals(withoutLast(ours), withoutLast(kernel), context);
        long tmetaBlocks = ours.stream().filter(r -> r.startsWith("[pool0_tmeta]:"))
                .mapToLong(r -> Long.parseLong(r.split(":")[2]) / 4096).findFirst().orElseThrow();
        double reserve = 100.0 * Math.min(4096, tmetaBlocks / 10) / tmetaBlocks;
        for (int i = 0; i < ours.size(); i++) {
            String o = last(ours.get(i));
            String k = last(kernel.get(i));
            assertEquals(o.isEmpty(), k.isEmpty(), context);
            if (!o.isEmpty()) {
                assertEquals(Double.parseDouble(o) + reserve, Double.parseDouble(k), 0.011,
                        "Meta% of " + ours.get(i) + " (reserve " + reserve + "%)\n" + context);
            }
        }
    }

    private static List<String> withoutLast(List<String> rows) {
        return rows.stream().map(r -> r.substring(0, r.lastIndexOf(':'))).toList();
    }

    private static String last(String row) {
        return row.substring(row.lastIndexOf(':') + 1);
    }

    // ------------------------------------------------------------------ the model

    /**
     * After lin (8m), pool0 and thin1 (32m) exist: writes 0-1, snap1 of thin1, write 2, snap2 of snap1, writes
     * 3-4. jlvm runs it on vgj when given; otherwise only the model follows (the VM's lvm2 runs it on vgr).
     */
    private void scenario(JlvmVolumes jlvm, List<Write> writes) throws Exception {
        model.put("thin1", new byte[(int) (32 * MIB)]);
        model.put("lin", new byte[(int) (8 * MIB)]);
        apply(jlvm, "vgj", writes.subList(0, 2));
        if (jlvm != null) {
            jlvm.ok("lvcreate", "-s", "vgj/thin1", "-n", "snap1");
        }
        snapshot("thin1", "snap1");
        apply(jlvm, "vgj", writes.subList(2, 3));
        if (jlvm != null) {
            jlvm.ok("lvcreate", "-s", "vgj/snap1", "-n", "snap2");
        }
        snapshot("snap1", "snap2");
        apply(jlvm, "vgj", writes.subList(3, 5));
    }

    private void apply(JlvmVolumes jlvm, String vg, List<Write> ws) throws Exception {
        for (Write w : ws) {
            byte[] lv = model.computeIfAbsent(w.lv(), k -> {
                throw new AssertionError("no LV " + k + " in the model");
            });
            System.arraycopy(w.bytes(), 0, lv, (int) w.offset(), w.bytes().length);
            if (jlvm != null) {
                jlvm.write(vg, w.lv(), w.offset(), w.bytes());
            }
        }
    }

    private void snapshot(String origin, String snap) {
        model.put(snap, model.get(origin).clone());
    }

    private void grow(String lv, long bytes) {
        model.put(lv, Arrays.copyOf(model.get(lv), (int) bytes));
    }

    // ------------------------------------------------------------------ the VM

    /**
     * The script's prelude: lvm runs thin_check through a wrapper that logs every call and its exit code;
     * {@code phase X} starts a phase (its stderr and thin_check log are reported by {@code report}).
     */
    private static String prelude() {
        return String.join("\n",
                "set -eo pipefail; export LC_ALL=C",
                "trap 'echo \"failed at line $LINENO\"; cat /tmp/err; dmesg | tail -n 20' ERR",
                "cat >/tmp/tc <<'X'",
                "#!/bin/bash",
                "/usr/sbin/pdata_tools thin_check \"$@\" >/tmp/tc.out 2>&1; rc=$?",
                "echo \"rc=$rc $* $(tr '\\n' ' ' </tmp/tc.out)\" >>/tmp/tc.log; exit $rc",
                "X",
                "chmod +x /tmp/tc",
                "sed -i 's|^global {|global { thin_check_executable = \"/tmp/tc\"|' /etc/lvm/lvm.conf",
                "phase() { : >/tmp/err; : >/tmp/tc.log; }");
    }

    /** Lists {@code vg}, prints each LV's sha256, runs vgck, deactivates; lines prefixed with {@code tag}. */
    private static String report(String tag, String vg, String... lvs) {
        StringBuilder s = new StringBuilder();
        s.append("lvs -a -o ").append(JlvmVolumes.FIELDS)
                .append(" --units b --nosuffix --noheadings --separator : ").append(vg)
                .append(" 2>>/tmp/err | sed 's/^ */").append(tag).append("-LVS /'\n");
        for (String lv : lvs) {
            s.append("echo \"").append(tag).append("-SHA ").append(lv).append(" $(sha256sum </dev/").append(vg)
                    .append('/').append(lv).append(" | cut -d' ' -f1)\"\n");
        }
        s.append("vgck ").append(vg).append(" 2>>/tmp/err\n");
        s.append("vgchange -an ").append(vg).append(" >/dev/null 2>>/tmp/err\n");
        s.append("sed 's/^/").append(tag).append("-ERR /' /tmp/err\n");
        s.append("sed 's/^/").append(tag).append("-TC /' /tmp/tc.log");
        return s.toString();
    }

    private static String vmWrite(String vg, Write w, int file) {
        return "dd if=/files/w" + file + " of=/dev/" + vg + "/" + w.lv() + " bs=4096 seek=" + (w.offset() / 4096)
                + " oflag=direct conv=fsync,notrunc status=none";
    }

    private record VmRun(String out) {
        /** The phase's lvs rows, the VM's device names replaced by the PV files and the state/open characters
         *  of lv_attr shown as jlvm shows them (nothing is active in jlvm). */
        List<String> lvs(String tag, Map<String, Path> devices) {
            List<String> rows = new ArrayList<>();
            for (String line : lines(tag + "-LVS ")) {
                for (Map.Entry<String, Path> d : devices.entrySet()) {
                    line = line.replace(d.getKey() + ":", d.getValue() + ":");
                }
                String[] f = line.split(":", -1);
                f[1] = f[1].substring(0, 4) + "--" + f[1].substring(6);
                rows.add(String.join(":", f));
            }
            return rows;
        }

        void assertShas(String tag, Map<String, byte[]> lvs) throws Exception {
            for (Map.Entry<String, byte[]> lv : lvs.entrySet()) {
                assertTrue(out.contains(tag + "-SHA " + lv.getKey() + " " + sha(lv.getValue()) + "\n"),
                        tag + ": the kernel reads " + lv.getKey() + " as written\n" + out);
            }
        }

        /** No warnings or errors from lvm2 in the phase, and lvm ran thin_check (all passed). */
        void assertClean(String tag) {
            assertEquals(List.of(), lines(tag + "-ERR "), "lvm2's stderr in phase " + tag + "\n" + out);
            List<String> tc = lines(tag + "-TC ");
            assertFalse(tc.isEmpty(), "lvm ran no thin_check in phase " + tag + "\n" + out);
            assertTrue(tc.stream().allMatch(l -> l.startsWith("rc=0 ")), "thin_check in phase " + tag + ": " + tc);
        }

        private List<String> lines(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }
    }

    private VmRun boot(String script, List<Path> files, List<Path> snapshotDisks, List<Path> rwDisks)
            throws Exception {
        Path s = Files.createTempFile(tmp, "vm", ".sh");
        Files.writeString(s, script);
        List<String> cmd = new ArrayList<>(List.of("bash",
                TestData.repositoryRoot().resolve("scripts/kernel-vm/run.sh").toString(), "--snapshot"));
        for (Path d : snapshotDisks) {
            cmd.addAll(List.of("--disk", d.toString()));
        }
        for (Path d : rwDisks) {
            cmd.addAll(List.of("--rw-disk", d.toString()));
        }
        for (Path f : files) {
            cmd.addAll(List.of("--file", f.toString()));
        }
        cmd.addAll(List.of("--", s.toString()));
        RealTools.Run r = RealTools.run(cmd.toArray(String[]::new));
        assertEquals(0, r.rc(), "the kernel VM run failed:\n" + r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("done\n"), r.stdout());
        return new VmRun(r.stdout());
    }

    private Path sparse(String name, long bytes) throws Exception {
        Path p = tmp.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return p;
    }

    private static byte[] bytes(Random rnd, long n) {
        byte[] b = new byte[(int) n];
        rnd.nextBytes(b);
        return b;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
