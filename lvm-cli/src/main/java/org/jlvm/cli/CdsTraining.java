package org.jlvm.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training run of the package step's AppCDS archive: runs the commands users start most often, in one JVM,
 * so that {@code -XX:ArchiveClassesAtExit} records every class they load (the dispatcher, picocli's model, the
 * thin tools' readers, checkers and emitters; the thin tools' plain command lines through the quick start, as
 * {@link Main} runs them). Output is discarded; a failing command only means fewer classes
 * in the archive. Usage: {@code java -XX:ArchiveClassesAtExit=jlvm.jsa -cp jlvm.jar org.jlvm.cli.CdsTraining
 * POOL.xml}.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path xml = Path.of(args[0]);
        Path dir = Files.createTempDirectory("jlvm-cds");
        try {
            String meta = dir.resolve("pool.meta").toString();
            String repaired = dir.resolve("repaired.meta").toString();
            String x = xml.toString();
            String home = dir.resolve("home").toString();
            // thin_restore writes into an existing file, as 0.9.0 does.
            try (var ch = java.nio.channels.FileChannel.open(Path.of(meta), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.allocate(1), (4L << 20) - 1);
            }
            Files.copy(Path.of(meta), Path.of(repaired));
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[] {"jlvm", "--version"});
            runs.add(new String[] {"jlvm", "help"});
            runs.add(new String[] {"thin_restore", "-i", x, "-o", meta});
            runs.add(new String[] {"thin_check", meta});
            runs.add(new String[] {"thin_check", "-q", meta});
            runs.add(new String[] {"thin_dump", meta});
            runs.add(new String[] {"thin_dump", "--format", "human_readable", meta});
            runs.add(new String[] {"thin_ls", meta});
            runs.add(new String[] {"thin_delta", "--snap1", "0", "--snap2", "1", meta});
            runs.add(new String[] {"thin_rmap", "--region", "0..8", meta});
            runs.add(new String[] {"thin_repair", "-i", meta, "-o", repaired});
            runs.add(new String[] {"thin_metadata_size", "-b", "64k", "-s", "1g", "-m", "100"});
            runs.add(new String[] {"thin_check", dir.resolve("missing").toString()});
            runs.add(new String[] {"thin_check", "--no-such-option"});
            runs.add(new String[] {"vdostats", "--help"});
            // The LVM verbs on a small VG under a private JLVM_HOME.
            String pv = dir.resolve("pv0.img").toString();
            runs.add(new String[] {"pvcreate", "--size", "256m", pv});
            runs.add(new String[] {"vgcreate", "vgt", pv});
            runs.add(new String[] {"lvcreate", "--type", "thin-pool", "-L", "64m", "-n", "pool", "vgt"});
            runs.add(new String[] {"lvcreate", "-V", "128m", "-T", "vgt/pool", "-n", "thin"});
            runs.add(new String[] {"lvcreate", "-s", "vgt/thin", "-n", "snap"});
            runs.add(new String[] {"lvcreate", "-L", "8m", "-n", "lin", "vgt"});
            runs.add(new String[] {"lvs", "-a"});
            runs.add(new String[] {"lvs", "-o", "lv_name,thin_id,seg_pe_ranges", "--units", "b", "vgt"});
            runs.add(new String[] {"vgs"});
            runs.add(new String[] {"pvs"});
            runs.add(new String[] {"lvs", "vgt/nonexistent"});
            PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
            int failed = 0;
            for (String[] run : runs) {
                String[] rest = java.util.Arrays.copyOfRange(run, 1, run.length);
                failed += Main.run(run[0], rest, sink, sink, java.util.Map.of("JLVM_HOME", home)) == 0 ? 0 : 1;
            }
            // The shell: its dispatcher path, the line editor, completion of commands, options, fields and names.
            Map<String, String> env = Map.of("JLVM_HOME", home);
            org.jlvm.cli.shell.Shell.lines(new ShellCommands(env, sink, sink),
                    new java.io.BufferedReader(new java.io.StringReader("lvs -a\necho $?\n")), sink, sink);
            org.jlvm.cli.shell.Shell.train(new ShellCommands(env, sink, sink), org.jlvm.cli.lvm.vg.LvmHome.fromEnvironment(env),
                    "lvc\t\t\u0003lvs -o lv_name,da\t\t\u0003lvremove vgt/\t\t\u0003vgs\nexit\n", sink, sink);
            // Three runs fail on purpose (a missing file, a bad option, an unknown LV); more means lost coverage.
            System.out.println("CdsTraining: " + runs.size() + " commands, " + failed + " failed");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
