package org.jlvm.tools.command;

import java.io.IOException;
import java.io.PrintWriter;
import org.jlvm.tools.check.CheckOptions;
import org.jlvm.tools.check.CheckReport;
import org.jlvm.tools.check.Checker;
import org.jlvm.tools.ir.Cancellation;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thin_check}: validates pool metadata (0.9.0 messages and exit codes). */
@Command(name = "thin_check", description = "Check thin-provisioning metadata.")
final class ThinCheckCommand extends ThinToolCommand {
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

    @Mixin
    DeviceArgument device = new DeviceArgument();

    ThinCheckCommand() {
        super(Usage.THIN_CHECK);
    }

    @Override
    public String flag(String arg) {
        String name = switch (arg) {
            case "-q", "--quiet" -> "--quiet";
            case "-m", "--metadata-snap" -> "--metadata-snap";
            case "--super-block-only", "--skip-mappings", "--ignore-non-fatal-errors", "--clear-needs-check-flag",
                    "--auto-repair" -> arg;
            default -> null;
        };
        if (name != null) {
            switch (name) {
                case "--quiet" -> quiet = true;
                case "--metadata-snap" -> metadataSnap = true;
                case "--super-block-only" -> superBlockOnly = true;
                case "--skip-mappings" -> skipMappings = true;
                case "--ignore-non-fatal-errors" -> ignoreNonFatal = true;
                case "--clear-needs-check-flag" -> clearNeedsCheck = true;
                default -> autoRepair = true;
            }
        }
        return name;
    }

    @Override
    public boolean positional(String arg) {
        return device.inputs.add(arg);
    }

    @Override
    protected boolean quiet() {
        return quiet;
    }

    @Override
    int execute() throws ToolException, IOException {
        PrintWriter out = out();
        PrintWriter err = err();
        Long override = null;
        if (overrideMappingRoot != null) {
            override = Usage.parseNatural(overrideMappingRoot);
            if (override == null) {
                return fail("couldn't parse --override-mapping-root '" + overrideMappingRoot + "'");
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
                return usageError(why);
            }
        }
        if (device.missing()) {
            return usageError("No input file provided.");
        }
        CheckOptions o = new CheckOptions(metadataSnap, superBlockOnly, skipMappings, ignoreNonFatal,
                clearNeedsCheck, autoRepair, override);
        boolean write = clearNeedsCheck || autoRepair;
        try (MetadataFile f = device.open(write)) {
            Progress progress = new Progress(err, -1, !quiet && Progress.terminal(2));
            CheckReport r;
            try {
                Checker.ProgressSink sink = (done, total) -> {
                    progress.total(total);
                    progress.update(done);
                };
                // a run that fixes is never cut (it checks first, but then it writes)
                r = write ? Cancellation.shielded(() -> Checker.check(f, o, sink)) : Checker.check(f, o, sink);
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
        }
    }
}
