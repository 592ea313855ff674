package org.jlvm.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.ExitCodes;
import org.jlvm.cli.daemon.Daemon;
import org.jlvm.cli.daemon.DaemonConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jlvm daemon}: starts the daemon of {@code JLVM_HOME} in the background (as the first activation does), or
 * with {@code --foreground} runs it in this process until SIGTERM, for service managers.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Run the jlvm daemon: it holds active pools open and serves active LVs over NBD.",
                "Without --foreground it starts in the background (log in $JLVM_HOME/run/jlvmd.log) and stops "
                        + "once nothing is active. TCP: nbd_tcp_port/nbd_tcp_bind in $JLVM_HOME/jlvmd.conf."})
public final class DaemonCommand implements Callable<Integer> {
    public static final String NAME = "daemon";
    public static final String SUMMARY = "the daemon serving active LVs over NBD (--foreground for service managers)";

    private final CliContext ctx;

    @Option(names = "--foreground", description = "Run in this process, log on stdout, until SIGTERM.")
    boolean foreground;

    @Option(names = "--exit-when-idle", description = "With --foreground: stop once nothing is active.")
    boolean exitWhenIdle;

    @Option(names = "--nbd-tcp-port", paramLabel = "N", description = "Also serve NBD on this TCP port (0: any).")
    Integer tcpPort;

    @Option(names = "--nbd-tcp-bind", paramLabel = "ADDR", description = "TCP address, default 127.0.0.1.")
    String tcpBind;

    public DaemonCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (!foreground) {
            ctx.daemon().start();
            ctx.out().println("jlvm daemon running for " + ctx.home().root() + "; log: "
                    + ctx.home().root().resolve("run").resolve("jlvmd.log"));
            return ExitCodes.OK;
        }
        DaemonConfig config = DaemonConfig.read(ctx.home().root());
        if (tcpPort != null || tcpBind != null) {
            config = config.withTcp(tcpPort != null ? tcpPort : config.tcpPort() < 0 ? 10809 : config.tcpPort(),
                    tcpBind != null ? tcpBind : config.tcpBind());
        }
        PrintWriter log = ctx.out();
        return new Daemon(ctx.home(), config, exitWhenIdle, log).run();
    }
}
