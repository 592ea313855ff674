package org.jlvm.cli.command;

import java.io.IOException;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.report.Report;
import org.jlvm.cli.report.ReportType;
import org.jlvm.cli.report.lvm.LiveState;
import org.jlvm.cli.report.lvm.ReportSource;
import picocli.CommandLine.Mixin;

/**
 * The frame of {@code lvs}, {@code vgs} and {@code pvs}: lvm's report options, the PVs scanned once
 * ({@link ReportSource}), and the report engine printing the rows the verb picks, with lvm's exit codes.
 */
abstract class ReportVerb extends LvmVerb {
    @Mixin
    ReportOptions report = new ReportOptions();

    ReportVerb(CliContext ctx) {
        super(ctx);
    }

    @Override
    final int run() throws IOException {
        org.jlvm.cli.report.ReportOptions options = report.engineOptions();
        try (ReportSource source = ReportSource.open(ctx.home(), liveState())) {
            return report(source, options);
        }
    }

    /** Picks the report type and rows and prints them with {@link #print}. */
    abstract int report(ReportSource source, org.jlvm.cli.report.ReportOptions options) throws IOException;

    /** What is active; nothing, until a daemon runs LVs. */
    LiveState liveState() {
        return LiveState.INACTIVE;
    }

    <R> int print(ReportType<R> type, List<R> rows, org.jlvm.cli.report.ReportOptions options) {
        return new Report<>(type).print(rows, options, out(), ctx.err());
    }
}
