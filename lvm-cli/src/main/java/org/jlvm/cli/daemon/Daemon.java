package org.jlvm.cli.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jlvm.cli.lvm.vg.ActivePools;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.nbd.NbdServer;
import org.jlvm.cli.nbd.NbdServerConfig;

/**
 * {@code jlvm daemon}: plays the kernel's part for the LVM verbs. Holds active pools open, serves active LVs as NBD
 * exports {@code VG/LV} (unix socket {@link RunDir#nbdSocket()}, TCP when configured) and answers the commands on
 * the control socket ({@link ControlProtocol}). One per {@code JLVM_HOME} ({@link DaemonLock}).
 *
 * <p>Stopping ({@link #stop}: SIGTERM through the shutdown hook, or nothing left active when started with
 * {@code exitWhenIdle}): no new control requests, the NBD server closes (requests in flight are answered), every
 * pool drains, commits and closes, the sockets go away, then the lock.
 */
public final class Daemon {
    /** A daemon started for an activation that never came stops after this long. */
    private static final long IDLE_START_MILLIS = 30_000;

    private final LvmHome home;
    private final RunDir run;
    private final DaemonConfig config;
    private final boolean exitWhenIdle;
    private final PrintWriter log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final LiveExports exports = new LiveExports();
    private DaemonLock lock;
    private NbdServer nbd;
    private ControlServer control;
    private ActiveSet active;
    private String tcpEndpoint;
    private boolean stopping;
    private boolean everActive;

    public Daemon(LvmHome home, DaemonConfig config, boolean exitWhenIdle, PrintWriter log) {
        this.home = home;
        this.run = RunDir.of(home);
        this.config = config;
        this.exitWhenIdle = exitWhenIdle;
        this.log = log;
    }

    /** Serves until stopped; 0 after a clean stop, 5 when another daemon runs or the sockets cannot be made. */
    public int run() throws IOException, InterruptedException {
        Optional<DaemonLock> l = DaemonLock.tryAcquire(run);
        if (l.isEmpty()) {
            log("another jlvm daemon is running (pid " + DaemonLock.pid(run).map(String::valueOf).orElse("?")
                    + ") for " + home.root());
            return LvmError.FAILED;
        }
        lock = l.get();
        lock.writePid();
        Thread hook = new Thread(this::stop, "jlvmd-shutdown");
        try {
            nbd = new NbdServer(exports, NbdServerConfig.defaults().withTls(config.nbdTls()));
            nbd.listenUnix(run.nbdSocket());
            if (config.tcpPort() >= 0) {
                InetSocketAddress a = nbd.listenTcp(config.tcpBind(), config.tcpPort());
                tcpEndpoint = a.getHostString() + ":" + a.getPort();
            }
            active = new ActiveSet(exports, this::uri);
            control = ControlServer.listen(run.controlSocket(), this::handle, this::afterRequest);
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        log("jlvm daemon pid " + ProcessHandle.current().pid() + " serving " + home.root() + ": control "
                + run.controlSocket() + ", NBD " + run.nbdSocket() + (tcpEndpoint == null ? "" : " and tcp:"
                + tcpEndpoint));
        ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jlvmd-idle");
            t.setDaemon(true);
            return t;
        });
        if (exitWhenIdle) {
            idle.schedule(this::stopIfNeverActive, IDLE_START_MILLIS, TimeUnit.MILLISECONDS);
        }
        stopped.await();
        idle.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (SIGTERM): the hook is running stop()
        }
        return 0;
    }

    private String uri(String export) {
        if (tcpEndpoint != null) {
            return (config.tlsOnTcp() ? "nbds://" : "nbd://") + tcpEndpoint + "/" + export;
        }
        return "nbd+unix:///" + export + "?socket=" + run.nbdSocket();
    }

    /** Answers one control request; never throws. */
    private synchronized ControlMessage handle(ControlMessage req) {
        if (stopping) {
            return ControlMessage.of(ControlProtocol.ERROR).put("retry", 1).put("line", "jlvm daemon is stopping.")
                    .build();
        }
        try {
            ControlMessage.Builder reply = ControlMessage.of(ControlProtocol.OK);
            switch (req.verb()) {
                case ControlProtocol.PING -> {
                    reply.put("pid", ProcessHandle.current().pid()).put("nbd_socket", run.nbdSocket());
                    if (tcpEndpoint != null) {
                        reply.put("nbd_tcp", tcpEndpoint);
                    }
                }
                case ControlProtocol.ACTIVATE -> {
                    everActive = true;
                    ActivationRequest r = ActivationRequest.decode(req);
                    log(req.verb() + " " + r.vg() + " pools " + r.poolLvs() + " thin " + r.thins().stream()
                            .map(ActivationRequest.ThinTable::name).toList() + " linear " + r.linears().keySet());
                    active.activate(r);
                }
                case ControlProtocol.RELOAD -> {
                    ActivationRequest r = ActivationRequest.decode(req);
                    log(req.verb() + " " + r.vg() + " thin " + r.thins().stream()
                            .map(ActivationRequest.ThinTable::name).toList() + " linear " + r.linears().keySet());
                    active.reload(r);
                }
                case ControlProtocol.DEACTIVATE -> {
                    log(req.verb() + " " + req.require("vg") + " " + req.all("lv"));
                    active.deactivate(req.require("vg"), req.all("lv"));
                }
                case ControlProtocol.STATUS -> ControlProtocol.putActivity(reply, active.activity(req.require("vg")));
                case ControlProtocol.MESSAGE -> {
                    List<ActivePools.PoolChange> changes = new java.util.ArrayList<>();
                    for (String c : req.all("change")) {
                        changes.add(ControlProtocol.change(c));
                    }
                    log(req.verb() + " " + req.require("vg") + "/" + req.require("pool") + " tid "
                            + req.requireLong("tid") + " " + req.all("change"));
                    active.message(req.require("vg"), req.require("pool"), req.requireLong("tid"), changes);
                }
                case ControlProtocol.RENAME -> {
                    log(req.verb() + " " + req.require("vg") + "/" + req.require("from") + " to " + req.require("to"));
                    active.rename(req.require("vg"), req.require("from"), req.require("to"));
                }
                case ControlProtocol.SHARING -> {
                    long t0 = System.nanoTime();
                    var usage = active.sharing(req.require("vg"), req.require("pool"));
                    usage.forEach((dev, u) -> reply.put("usage", dev + ":" + u.mapped() + ":" + u.exclusive()));
                    log(req.verb() + " " + req.require("vg") + "/" + req.require("pool") + ": " + usage.size()
                            + " devices walked in a metadata snapshot in " + (System.nanoTime() - t0) / 1_000_000
                            + " ms");
                }
                default -> throw new ControlMessage.ProtocolException("unknown request " + req.verb());
            }
            return reply.build();
        } catch (LvmError e) {
            log(req.verb() + " failed: " + String.join("; ", e.lines()));
            return ControlMessage.of(ControlProtocol.ERROR).put("code", e.exitCode()).putAll("line", e.lines())
                    .build();
        } catch (IOException | RuntimeException e) {
            log(req.verb() + " failed: " + e);
            return ControlMessage.of(ControlProtocol.ERROR).put("code", LvmError.FAILED)
                    .put("line", "jlvm daemon: " + (e.getMessage() == null ? e.toString() : e.getMessage())).build();
        }
    }

    /** After each reply is written: a daemon started for activations stops once nothing is active. */
    private synchronized void afterRequest() {
        if (active.isEmpty()) {
            if (exitWhenIdle && everActive && !stopping) {
                stopping = true;
                Thread t = new Thread(this::stop, "jlvmd-idle-stop");
                t.start();
            }
        } else {
            everActive = true;
        }
    }

    private void stopIfNeverActive() {
        synchronized (this) {
            if (everActive || stopping || !active.isEmpty()) {
                return;
            }
            stopping = true;
        }
        log("nothing was activated; stopping");
        stop();
    }

    /** Stops serving (idempotent; see the class comment). Runs in the shutdown hook on SIGTERM. */
    public void stop() {
        synchronized (this) {
            stopping = true;
        }
        synchronized (stopped) {
            if (stopped.getCount() == 0) {
                return;
            }
            log("stopping: draining NBD requests, committing pools");
            closeQuietly(control);
            if (nbd != null) {
                nbd.close();
            }
            if (active != null) {
                active.close();
            }
            try {
                Files.deleteIfExists(run.nbdSocket());
            } catch (IOException e) {
                log("could not remove " + run.nbdSocket() + ": " + e.getMessage());
            }
            log("stopped");
            closeQuietly(lock);
            stopped.countDown();
        }
    }

    /** Commits run by the pools' group commits so far. */
    public long groupCommits() {
        return active == null ? 0 : active.commits();
    }

    Path controlSocket() {
        return run.controlSocket();
    }

    private void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log("close failed: " + e.getMessage());
        }
    }

    private void log(String line) {
        synchronized (log) {
            log.println(Instant.now() + " " + line);
            log.flush();
        }
    }
}
