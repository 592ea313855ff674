package org.jlvm.tools.command;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jlvm.tools.dump.DumpOptions;
import org.jlvm.tools.dump.Dumper;
import org.jlvm.tools.dump.HumanEmitter;
import org.jlvm.tools.dump.OverridingEmitter;
import org.jlvm.tools.dump.XmlEmitter;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.repair.Repair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thin_dump}: prints pool metadata as XML or human-readable text (0.9.0 compatible). */
@Command(name = "thin_dump", description = "Dump thin-provisioning metadata to stdout in XML or human-readable form.")
final class ThinDumpCommand extends ThinToolCommand {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT")
    String format = "xml";

    @Option(names = {"-r", "--repair"})
    boolean repair;

    @Option(names = {"-m", "--metadata-snap"}, arity = "0..1", fallbackValue = "", paramLabel = "BLOCK")
    String metadataSnap;

    @Option(names = "-o", paramLabel = "FILE")
    Path output;

    @Option(names = "--dev-id", paramLabel = "ID")
    List<String> devIds = new ArrayList<>();

    @Option(names = "--skip-mappings")
    boolean skipMappings;

    @Mixin
    OverrideOptions overrides = new OverrideOptions();

    @Mixin
    DeviceArgument device = new DeviceArgument();

    ThinDumpCommand() {
        super(Usage.THIN_DUMP);
    }

    @Override
    public String flag(String arg) {
        switch (arg) {
            case "-r", "--repair" -> {
                repair = true;
                return "--repair";
            }
            case "--skip-mappings" -> {
                skipMappings = true;
                return arg;
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    public String option(String arg, String value) {
        switch (arg) {
            case "-f", "--format" -> {
                format = value;
                return "--format";
            }
            case "-o" -> {
                output = Path.of(value);
                return arg;
            }
            case "--dev-id" -> {
                devIds.add(value);
                return arg;
            }
            default -> {
                return overrides.option(arg, value);
            }
        }
    }

    @Override
    public boolean positional(String arg) {
        return device.inputs.add(arg);
    }

    @Override
    int execute() throws ToolException, IOException {
        PrintWriter out = out();
        PrintWriter err = err();
        Long snap = Usage.metadataSnapArgument(spec, metadataSnap, device.inputs);
        if (!format.equals("xml") && !format.equals("human_readable")) {
            return fail("unknown format '" + format + "'");
        }
        HashSet<Long> ids = new HashSet<>();
        for (String s : devIds) {
            Long v = Usage.parseNatural(s);
            if (v == null) {
                return fail("thin_dump: --dev-id: not a number: " + s);
            }
            ids.add(v);
        }
        if (device.missing()) {
            return usageError("No input file provided.");
        }
        Repair.Overrides ov = overrides.parse();
        Writer w = null;
        Emitter e = null;
        try {
            w = output == null ? new BufferedWriter(out, 1 << 16)
                    : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output),
                            StandardCharsets.UTF_8), 1 << 16);
            e = format.equals("xml") ? new XmlEmitter(w) : new HumanEmitter(w);
            // Progress on stderr only when it is a terminal and the dump itself does not go there.
            Progress progress = new Progress(err, -1, Progress.terminal(2) && (output != null || !Progress.terminal(1)))
                    .unit(" mappings");
            try (MetadataFile f = device.open(false)) {
                if (repair) {
                    Repair.dump(f, ov, new ProgressEmitter(e, progress), null);
                } else {
                    Dumper.dump(f, new DumpOptions(snap, skipMappings, ids), new ProgressEmitter(
                            new OverridingEmitter(e, ov.transactionId(), ov.dataBlockSize(), ov.nrDataBlocks()),
                            progress));
                }
            } finally {
                progress.done();
            }
            w.flush();
            return 0;
        } catch (ToolException ex) {
            // what was dumped before the damage stays in the output, as with 0.9.0
            if (e != null) {
                e.flush();
            }
            flushQuietly(w);
            out.flush();
            throw ex;
        } catch (IOException | UncheckedIOException ex) {
            flushQuietly(w);
            throw ex;
        } finally {
            if (output != null && w != null) {
                try {
                    w.close();
                } catch (IOException ignored) {
                    // already reported
                }
            }
        }
    }

    private static void flushQuietly(Writer w) {
        if (w != null) {
            try {
                w.flush();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
