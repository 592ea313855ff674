package org.jlvm.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jlvm.cli.ExitCodes;
import org.jlvm.dedup.DedupDevice;
import org.jlvm.dedup.DedupOptions;
import org.jlvm.dedup.DedupStatistics;
import org.jlvm.pool.io.FileBlockDevice;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vdostats}: space usage of dedup devices, as a df-like table (like VDO's vdostats) or, with
 * {@code --verbose}, every counter as YAML. The device is opened read-only; counters of events (hits,
 * fragments written) cover only that opening, the space figures are exact.
 */
@Command(name = "vdostats", mixinStandardHelpOptions = true,
        description = "Display configuration and statistics of dedup devices.")
public final class VdoStatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--human-readable", description = "sizes in powers of 1024 (K, M, G, T)")
        boolean human;

        @Option(names = "--si", description = "sizes in powers of 1000 (with --human-readable style)")
        boolean si;

        @Option(names = {"--verbose", "-v"}, description = "all counters, as YAML")
        boolean verbose;
    }

    @Parameters(paramLabel = "DEVICE", arity = "1..*", description = "dedup device files")
    List<Path> devices = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<Path, DedupStatistics> stats = new LinkedHashMap<>();
        int rc = ExitCodes.OK;
        for (Path p : devices) {
            try (DedupDevice dev = DedupDevice.open(FileBlockDevice.open(p, true),
                    DedupOptions.forOpen().withReadOnly(true))) {
                stats.put(p, dev.statistics());
            } catch (java.nio.file.NoSuchFileException e) {
                err.println("vdostats: " + p + ": No such file or directory");
                rc = ExitCodes.FAILED;
            } catch (java.io.IOException e) {
                err.println("vdostats: " + p + ": " + e.getMessage());
                rc = ExitCodes.FAILED;
            }
        }
        if (format.verbose) {
            printYaml(out, stats);
        } else {
            printTable(out, stats);
        }
        out.flush();
        return rc;
    }

    private void printTable(PrintWriter out, Map<Path, DedupStatistics> stats) {
        boolean human = format.human || format.si;
        out.printf("%-24s %10s %9s %9s %4s %13s%n", "Device", human ? "Size" : "1k-blocks", "Used", "Available",
                "Use%", "Space saving%");
        for (Map.Entry<Path, DedupStatistics> e : stats.entrySet()) {
            DedupStatistics s = e.getValue();
            long size = s.physicalBlocks() * s.blockSize();
            long used = s.usedBlocks() * s.blockSize();
            long avail = size - used;
            String saving = s.savingPercent() < 0 ? "N/A" : s.savingPercent() + "%";
            out.printf("%-24s %10s %9s %9s %4s %13s%n", e.getKey(), size(size), size(used), size(avail),
                    s.usedPercent() + "%", saving);
        }
    }

    private String size(long bytes) {
        if (!format.human && !format.si) {
            return Long.toString(bytes / 1024);
        }
        double base = format.si ? 1000 : 1024;
        String[] units = {"B", "K", "M", "G", "T", "P"};
        double v = bytes;
        int u = 0;
        while (v >= base && u < units.length - 1) {
            v /= base;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
    }

    private static void printYaml(PrintWriter out, Map<Path, DedupStatistics> stats) throws java.io.IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Map.Entry<Path, DedupStatistics> e : stats.entrySet()) {
            doc.put(e.getKey().toString(), verbose(e.getValue()));
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        out.print(yaml.writeValueAsString(doc));
    }

    /** The counters under vdostats' verbose names, in vdostats' order where one exists. */
    static Map<String, Object> verbose(DedupStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        long kb = s.blockSize() / 1024;
        m.put("version", 1);
        m.put("operating mode", s.operatingMode());
        if (!s.readOnlyReason().isEmpty()) {
            m.put("read-only reason", s.readOnlyReason());
        }
        m.put("data blocks used", s.dataBlocksUsed());
        m.put("overhead blocks used", s.overheadBlocksUsed());
        m.put("logical blocks used", s.logicalBlocksUsed());
        m.put("physical blocks", s.physicalBlocks());
        m.put("logical blocks", s.logicalBlocks());
        m.put("1K-blocks", s.physicalBlocks() * kb);
        m.put("1K-blocks used", s.usedBlocks() * kb);
        m.put("1K-blocks available", (s.physicalBlocks() - s.usedBlocks()) * kb);
        m.put("used percent", s.usedPercent());
        m.put("saving percent", s.savingPercent());
        m.put("block size", s.blockSize());
        m.put("data blocks pending free", s.dataBlocksPendingFree());
        m.put("bios in write", s.writesReceived());
        m.put("bios in read", s.readsReceived());
        m.put("zero blocks written", s.zeroBlocksWritten());
        m.put("dedupe advice valid", s.dedupeAdviceValid());
        m.put("dedupe advice stale", s.dedupeAdviceStale());
        m.put("verifications from cache", s.verifyCacheHits());
        m.put("concurrent data matches", s.concurrentDataMatches());
        m.put("rollover copies (254 sharers)", s.rolloverCopies());
        m.put("compressed fragments written", s.compressedFragmentsWritten());
        m.put("compressed blocks written", s.compressedBlocksWritten());
        m.put("compressed fragments in packer", s.compressedFragmentsInPacker());
        m.put("packed blocks written after waiting", s.packerTimeouts());
        m.put("FUA writes", s.fuaWrites());
        m.put("raw data blocks written", s.rawBlocksWritten());
        m.put("index entries", s.indexEntries());
        m.put("index capacity", s.indexCapacity());
        m.put("index hits", s.indexHits());
        m.put("index misses", s.indexMisses());
        m.put("index evictions", s.indexEvictions());
        m.put("index bytes per entry", s.indexBytesPerEntry());
        m.put("commits", s.commits());
        m.put("metadata blocks written", s.metadataBlocksWritten());
        m.put("write amplification", Math.round(s.writeAmplification() * 100) / 100.0);
        m.put("discarded blocks", s.discardedBlocks());
        m.put("no space errors", s.noSpaceErrors());
        m.put("read only errors", s.readOnlyErrors());
        m.put("compression codec", s.codec());
        return m;
    }
}
