package org.jlvm.cli.daemon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.vg.ActivePools;

/**
 * The requests of the control protocol and how their values are written. Every request names its {@code vg}.
 * <pre>
 * ping                                       -> ok pid=N nbd_socket=PATH [nbd_tcp=HOST:PORT]
 * activate   vg=VG lv=NAME... [ro=NAME...]   -> ok
 * deactivate vg=VG lv=NAME...                -> ok            (error when one is open)
 * reload     (as activate)                   -> ok            (active thin/linear LVs take their new size)
 * status     vg=VG                           -> ok lv=NAME\tRO\tOPEN\tURI... pool=NAME\tTID\tDUSED\tDTOTAL\tMUSED\tMTOTAL\tHEALTH\tDEV:MAPPED,...
 * message    vg=VG pool=NAME tid=T change=create:DEV|snapshot:DEV:ORIGIN|delete:DEV...  -> ok
 * </pre>
 * An error reply is {@code error code=5 line=...} (lvm's exit code and message lines).
 */
final class ControlProtocol {
    static final String PING = "ping";
    static final String ACTIVATE = "activate";
    static final String DEACTIVATE = "deactivate";
    static final String RELOAD = "reload";
    static final String STATUS = "status";
    static final String MESSAGE = "message";
    /** What each thin device of an active pool maps alone and shares (walked in a metadata snapshot). */
    static final String SHARING = "sharing";
    /** An active thin or linear LV renamed (lvrename): its export takes the new name. */
    static final String RENAME = "rename";
    static final String OK = "ok";
    static final String ERROR = "error";

    private ControlProtocol() {
    }

    static String change(ActivePools.PoolChange c) {
        return switch (c.kind()) {
            case CREATE -> "create:" + c.device();
            case SNAPSHOT -> "snapshot:" + c.device() + ":" + c.origin();
            case DELETE -> "delete:" + c.device();
        };
    }

    static ActivePools.PoolChange change(String text) throws ControlMessage.ProtocolException {
        String[] p = text.split(":");
        try {
            return switch (p[0]) {
                case "create" -> new ActivePools.PoolChange(ActivePools.PoolChange.Kind.CREATE, Long.parseLong(p[1]), -1);
                case "snapshot" -> new ActivePools.PoolChange(ActivePools.PoolChange.Kind.SNAPSHOT,
                        Long.parseLong(p[1]), Long.parseLong(p[2]));
                case "delete" -> new ActivePools.PoolChange(ActivePools.PoolChange.Kind.DELETE, Long.parseLong(p[1]), -1);
                default -> throw new ControlMessage.ProtocolException("unknown pool change " + text);
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new ControlMessage.ProtocolException("malformed pool change " + text);
        }
    }

    static void putActivity(ControlMessage.Builder b, ActivePools.VgActivity a) {
        a.lvs().forEach((name, l) -> b.put("lv", String.join("\t", name, l.readOnly() ? "1" : "0",
                Integer.toString(l.open()), l.nbdUri())));
        a.pools().forEach((name, p) -> {
            List<String> maps = new ArrayList<>();
            p.mappedBlocks().forEach((dev, n) -> maps.add(dev + ":" + n));
            b.put("pool", String.join("\t", name, Long.toString(p.transactionId()), Long.toString(p.dataUsed()),
                    Long.toString(p.dataBlocks()), Long.toString(p.metadataUsed()), Long.toString(p.metadataBlocks()),
                    String.valueOf(p.health()), String.join(",", maps)));
        });
    }

    static ActivePools.VgActivity activity(ControlMessage m) throws ControlMessage.ProtocolException {
        try {
            Map<String, ActivePools.LvActivity> lvs = new LinkedHashMap<>();
            for (String v : m.all("lv")) {
                String[] f = v.split("\t", -1);
                lvs.put(f[0], new ActivePools.LvActivity(f[1].equals("1"), Integer.parseInt(f[2]), f[3]));
            }
            Map<String, ActivePools.PoolActivity> pools = new LinkedHashMap<>();
            for (String v : m.all("pool")) {
                String[] f = v.split("\t", -1);
                Map<Long, Long> mapped = new HashMap<>();
                for (String dm : f[7].isEmpty() ? new String[0] : f[7].split(",")) {
                    int c = dm.indexOf(':');
                    mapped.put(Long.parseLong(dm.substring(0, c)), Long.parseLong(dm.substring(c + 1)));
                }
                pools.put(f[0], new ActivePools.PoolActivity(Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), f[6].charAt(0), mapped));
            }
            return new ActivePools.VgActivity(lvs, pools);
        } catch (RuntimeException e) {
            throw new ControlMessage.ProtocolException("malformed status reply: " + e.getMessage());
        }
    }
}
