package org.jlvm.cli.daemon;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jlvm.cli.lvm.vg.ActivePools;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.VgSession;

/**
 * The commands' side of the daemon: what is active (asked on the control socket; nothing when no daemon runs),
 * pool messages and deactivation sent to it, and activation, which starts it first when needed. One connection
 * per request.
 */
public final class DaemonPools implements ActivePools {
    private final LvmHome home;
    private final DaemonConnector connector;

    /** @param warn where the one-line notice that the daemon died goes */
    public DaemonPools(LvmHome home, Consumer<String> warn) {
        this.home = home;
        this.connector = new DaemonConnector(RunDir.of(home), warn);
    }

    @Override
    public VgActivity activity(String vg) throws IOException {
        Optional<ControlClient> c = connector.connect();
        if (c.isEmpty()) {
            return VgActivity.NONE;
        }
        try (ControlClient client = c.get()) {
            return ControlProtocol.activity(client.call(ControlMessage.of(ControlProtocol.STATUS).put("vg", vg)
                    .build()));
        } catch (ControlClient.StoppingException | java.io.EOFException e) {
            // stopping, or it closed without an answer: stopping after its last deactivation (or it died,
            // which the next command's connect reports): nothing is active
            return VgActivity.NONE;
        }
    }

    @Override
    public void sendMessages(String vg, String pool, long transactionId, List<PoolChange> changes)
            throws IOException {
        ControlMessage.Builder b = ControlMessage.of(ControlProtocol.MESSAGE).put("vg", vg).put("pool", pool)
                .put("tid", transactionId);
        changes.forEach(c -> b.put("change", ControlProtocol.change(c)));
        if (!call(b.build())) {
            throw LvmError.failed("Thin pool " + vg + "/" + pool + " is not active: the jlvm daemon is not running.");
        }
    }

    @Override
    public java.util.Map<Long, org.jlvm.thin.meta.ThinSharing.Usage> sharing(String vg, String pool)
            throws IOException {
        Optional<ControlClient> c = connector.connect();
        if (c.isEmpty()) {
            return null;
        }
        try (ControlClient client = c.get()) {
            ControlMessage reply = client.call(ControlMessage.of(ControlProtocol.SHARING).put("vg", vg)
                    .put("pool", pool).build());
            java.util.Map<Long, org.jlvm.thin.meta.ThinSharing.Usage> out = new java.util.HashMap<>();
            for (String u : reply.all("usage")) {
                String[] f = u.split(":");
                if (f.length != 3) {
                    throw new ControlMessage.ProtocolException("malformed sharing reply " + u);
                }
                try {
                    out.put(Long.parseLong(f[0]), new org.jlvm.thin.meta.ThinSharing.Usage(Long.parseLong(f[1]),
                            Long.parseLong(f[2])));
                } catch (NumberFormatException e) {
                    throw new ControlMessage.ProtocolException("malformed sharing reply " + u);
                }
            }
            return out;
        } catch (ControlClient.StoppingException | java.io.EOFException e) {
            return null;
        }
    }

    @Override
    public void rename(String vg, String from, String to) throws IOException {
        call(ControlMessage.of(ControlProtocol.RENAME).put("vg", vg).put("from", from).put("to", to).build());
    }

    @Override
    public void deactivate(String vg, List<String> lvs) throws IOException {
        call(ControlMessage.of(ControlProtocol.DEACTIVATE).put("vg", vg).putAll("lv", lvs).build());
    }

    /**
     * Activates {@code lvs} of the session's VG ({@code readOnly} ones exported read-only); starts the daemon if
     * needed. The caller holds the VG's lock.
     */
    public void activate(VgSession s, List<String> lvs, Set<String> readOnly) throws IOException {
        ControlMessage m = ActivationRequest.of(s, lvs, readOnly).encode();
        for (int attempt = 0; attempt < 3; attempt++) {
            DaemonLauncher.ensureRunning(home, connector);
            if (call(m)) {
                return;
            }
        }
        throw LvmError.failed("The jlvm daemon stopped while activating; see " + connector.run().log() + ".");
    }

    @Override
    public void reload(VgSession s, String lv) throws IOException {
        ActivePools.LvActivity a = s.activity().lvs().get(lv);
        if (a == null) {
            return;
        }
        // read-only as activation makes it: no write permission (lvchange -p r), or a skip-flagged LV that was
        // activated read-only with -K
        org.jlvm.cli.lvm.model.LogicalVolume now = s.lv(lv);
        boolean ro = org.jlvm.cli.lvm.vg.ThinPools.poolSegment(now) == null && (!now.status().contains("WRITE")
                || a.readOnly() && now.flags().contains("ACTIVATION_SKIP"));
        Set<String> readOnly = ro ? Set.of(lv) : Set.of();
        if (!call(ActivationRequest.of(s, List.of(lv), readOnly).encode(ControlProtocol.RELOAD))) {
            throw LvmError.failed("Failed to reload logical volume " + s.vg().name() + "/" + lv
                    + ": the jlvm daemon is not running.");
        }
    }

    /** Starts the daemon unless one runs. */
    public void start() throws IOException {
        DaemonLauncher.ensureRunning(home, connector);
    }

    /** True when a daemon took the request; false when none runs (or it is stopping). */
    private boolean call(ControlMessage m) throws IOException {
        Optional<ControlClient> c = connector.connect();
        if (c.isEmpty()) {
            return false;
        }
        try (ControlClient client = c.get()) {
            client.call(m);
            return true;
        } catch (ControlClient.StoppingException e) {
            return false;
        }
    }
}
