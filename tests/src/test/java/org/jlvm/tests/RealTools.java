package org.jlvm.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real thin-provisioning-tools (installed by .ci/run) and reads their output. */
final class RealTools {
    private RealTools() {
    }

    record Run(int rc, String stdout, String stderr) {
    }

    static Run run(String... cmd) throws IOException, InterruptedException {
        return run(Map.of(), cmd);
    }

    /** Runs {@code cmd} with {@code env} added to this process's environment. */
    static Run run(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = pb.start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        byte[][] buf = new byte[2][];
        Thread t = new Thread(() -> {
            try {
                buf[1] = err.readAllBytes();
            } catch (IOException e) {
                buf[1] = new byte[0];
            }
        });
        t.start();
        buf[0] = out.readAllBytes();
        int rc = p.waitFor();
        t.join();
        return new Run(rc, new String(buf[0], StandardCharsets.UTF_8), new String(buf[1], StandardCharsets.UTF_8));
    }

    /** What the real thin_dump says about a pool. */
    record DumpSummary(int devices, long mappings, long transaction, List<Long> mappedBlocksPerDevice) {
    }

    private static final Pattern TRANS = Pattern.compile("<superblock [^>]*transaction=\"(\\d+)\"");
    private static final Pattern LEN = Pattern.compile("length=\"(\\d+)\"");
    private static final Pattern MAPPED = Pattern.compile("<device [^>]*mapped_blocks=\"(\\d+)\"");

    static DumpSummary thinDump(Path metadata) throws IOException, InterruptedException {
        Run r = run("thin_dump", metadata.toString());
        if (r.rc() != 0) {
            throw new AssertionError("thin_dump failed (" + r.rc() + "): " + r.stderr());
        }
        int devices = 0;
        long mappings = 0;
        long trans = -1;
        List<Long> mapped = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m;
            if ((m = TRANS.matcher(line)).find()) {
                trans = Long.parseLong(m.group(1));
            } else if ((m = MAPPED.matcher(line)).find()) {
                devices++;
                mapped.add(Long.parseLong(m.group(1)));
            } else if (line.contains("<single_mapping")) {
                mappings++;
            } else if ((m = LEN.matcher(line)).find()) {
                mappings += Long.parseLong(m.group(1));
            }
        }
        return new DumpSummary(devices, mappings, trans, mapped);
    }
}
