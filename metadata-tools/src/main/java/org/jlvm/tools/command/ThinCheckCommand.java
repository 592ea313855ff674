package org.jlvm.tools.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jlvm.tools.check.CheckOptions;
import org.jlvm.tools.check.CheckReport;
import org.jlvm.tools.check.Checker;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code thin_check}: validates pool metadata (0.9.0 messages and exit codes). */
@Command(name = "thin_check", description = "Check thin-provisioning metadata.")
final class ThinCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOptions std;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Option(names = {"-m", "--metadata-snap"})
    boolean metadataSnap;

    @Option(names = "--super-block-only")
    boolean superBlockOnly;

    @Option(names = "--skip-mappings")
    boolean skipMappings;

    @Option(names = "--ignore-non-fatal-errors")
    boolean ignoreNonFatal;

    @Option(names = "--clear-needs-check-flag")
    boolean clearNeedsCheck;

    @Option(names = "--auto-repair")
    boolean autoRepair;

    @Option(names = "--override-mapping-root", paramLabel = "BLOCK")
    String overrideMappingRoot;

    @Parameters(arity = "0..*", paramLabel = "DEVICE")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer early = std.handle(out, Usage.THIN_CHECK);
        if (early != null) {
            return early;
        }
        Long override = null;
        if (overrideMappingRoot != null) {
            override = Usage.parseNatural(overrideMappingRoot);
            if (override == null) {
                err.println("couldn't parse --override-mapping-root '" + overrideMappingRoot + "'");
                err.flush();
                return 1;
            }
        }
        if (clearNeedsCheck || autoRepair) {
            String why = null;
            if (metadataSnap) {
                why = "cannot perform fix within metadata snap";
            } else if (override != null) {
                why = "cannot perform fix with an overridden mapping root";
            } else if (ignoreNonFatal) {
                why = "cannot perform fix by ignoring non-fatal errors";
            } else if (superBlockOnly || skipMappings) {
                why = "cannot perform fix without a full examination";
            }
            if (why != null) {
                err.println(why);
                err.print(Usage.THIN_CHECK);
                err.flush();
                return 1;
            }
        }
        if (inputs.isEmpty()) {
            err.println("No input file provided.");
            err.print(Usage.THIN_CHECK);
            err.flush();
            return 1;
        }
        CheckOptions o = new CheckOptions(metadataSnap, superBlockOnly, skipMappings, ignoreNonFatal,
                clearNeedsCheck, autoRepair, override);
        boolean write = clearNeedsCheck || autoRepair;
        try (MetadataFile f = MetadataFile.open(Path.of(inputs.get(0)), write)) {
            Progress progress = new Progress(err, -1, !quiet && Progress.terminal(2));
            CheckReport r;
            try {
                r = Checker.check(f, o, (done, total) -> {
                    progress.total(total);
                    progress.update(done);
                });
            } finally {
                progress.done();
            }
            if (!quiet) {
                for (String s : r.out()) {
                    out.println(s);
                }
                out.flush();
                for (String s : r.err()) {
                    err.println(s);
                }
                err.flush();
            }
            return r.exitCode(ignoreNonFatal);
        } catch (ToolException | IOException e) {
            if (!quiet) {
                err.println(e.getMessage());
                err.flush();
            }
            return 1;
        } catch (RuntimeException e) {
            // Garbage that slipped past the validators: a verdict, never a stack trace.
            if (!quiet) {
                err.println("metadata is unreadable: " + e);
                err.flush();
            }
            return 1;
        }
    }
}
