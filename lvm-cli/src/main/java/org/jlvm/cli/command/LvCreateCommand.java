package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.config.Config;
import org.jlvm.cli.config.ConfigSchema;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.vg.LvOps;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.Names;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.Units;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lvcreate}: linear LVs, thin pools, thin LVs and thin snapshots, in lvm's forms:
 * {@code -L|-l -n LV VG}; {@code --type thin-pool -L -n POOL VG}, {@code -T VG/POOL -L};
 * {@code -V -T VG/POOL -n LV}, {@code -V --thinpool POOL -n LV VG}, {@code -L -V -T VG/POOL -n LV};
 * {@code -s VG/LV [-n NAME]}.
 */
@Command(name = "lvcreate", description = {"Create a logical volume.",
        "jlvm: new LVs are not activated (lvchange -ay does it); thin snapshots need no size, "
                + "COW snapshots (-s with -L) are not supported."})
final class LvCreateCommand extends LvmVerb {
    @Option(names = {"-L", "--size"}, paramLabel = "Size[m|UNIT]", description = "Size (of the pool's data for a pool).")
    String size;

    @Option(names = {"-l", "--extents"}, paramLabel = "Number[PERCENT]", description = "Size in extents, or N%%VG|N%%FREE|N%%PVS.")
    String extents;

    @Option(names = {"-n", "--name"}, paramLabel = "String", description = "The new LV's name (default lvolN).")
    String name;

    @Option(names = "--type", paramLabel = "SegType", description = "linear|striped|thin-pool|thin.")
    String type;

    @Option(names = {"-T", "--thin"}, description = "Create a thin pool or a thin LV (with -V).")
    boolean thin;

    @Option(names = "--thinpool", paramLabel = "LV", description = "The thin pool (to create, or to put a thin LV in).")
    String thinPool;

    @Option(names = {"-V", "--virtualsize"}, paramLabel = "Size[m|UNIT]", description = "Virtual size of a thin LV.")
    String virtualSize;

    @Option(names = {"-s", "--snapshot"}, description = "Create a thin snapshot of the LV given as VG/LV.")
    boolean snapshot;

    @Mixin
    PoolParamsOptions poolParams = new PoolParamsOptions();

    @Option(names = {"-k", "--setactivationskip"}, paramLabel = "y|n", description = "The activation-skip flag (thin snapshots: y by default).")
    String activationSkip;

    @Option(names = {"-K", "--ignoreactivationskip"}, description = "Accepted; lvcreate does not activate (lvchange -ay -K does).")
    boolean ignoreActivationSkip;

    @Option(names = {"-a", "--activate"}, paramLabel = "y|n", description = "Accepted; lvcreate does not activate, LVs stay inactive (lvchange -ay).")
    String activate;

    @Parameters(paramLabel = "VG|VG/LV [PV...]", arity = "0..*",
            description = "The VG (or VG/LV); then, for a linear LV, the PVs to allocate on.")
    List<String> positional = new ArrayList<>();

    LvCreateCommand(CliContext ctx) {
        super(ctx);
    }


    @Override
    int run() throws IOException {
        List<String> pvArgs = positional.size() > 1 ? positional.subList(1, positional.size()) : List.of();
        String vgName = null;
        String lvPart = null;
        if (!positional.isEmpty()) {
            String p = positional.get(0);
            int slash = p.indexOf('/');
            if (slash >= 0) {
                vgName = p.substring(0, slash);
                lvPart = p.substring(slash + 1);
            } else {
                vgName = p;
            }
        }
        if (name != null && name.contains("/")) {
            String nameVg = name.substring(0, name.indexOf('/'));
            if (vgName != null && !nameVg.equals(vgName)) {
                if (virtualSize != null) {
                    throw LvmError.invalid("Please use a single volume group name (\"" + vgName + "\" or \"" + nameVg + "\").");
                }
                throw LvmError.invalid("Inconsistent volume group names given: \"" + nameVg + "\" and \"" + vgName + "\"");
            }
            vgName = nameVg;
            name = name.substring(name.indexOf('/') + 1);
        }
        if (vgName == null) {
            throw LvmError.invalid("Please specify a volume group name.");
        }
        if (snapshot) {
            if (!pvArgs.isEmpty()) {
                throw LvmError.invalid("jlvm: PVs are not taken for a thin snapshot (it allocates no extents).");
            }
            return createSnapshot(vgName, lvPart);
        }
        boolean poolType = "thin-pool".equals(type);
        boolean thinType = virtualSize != null || "thin".equals(type);
        if (type != null && !List.of("thin-pool", "thin", "linear", "striped").contains(type)) {
            throw LvmError.invalid("jlvm: segment type " + type + " is not supported (linear, thin-pool, thin).");
        }
        String poolName = thinPool;
        if ((thin || poolType || thinType) && lvPart != null) {
            poolName = lvPart;
        } else if (lvPart != null && name == null) {
            name = lvPart;
        }
        if (!pvArgs.isEmpty() && (thinType || poolType || thin || thinPool != null)) {
            throw LvmError.invalid("jlvm: restricting a thin pool's or thin LV's allocation to PVs is not supported "
                    + "yet; PVs are taken for linear LVs.");
        }
        if (thinType) {
            if (poolName == null) {
                throw LvmError.invalid("Please specify name of existing pool.");
            }
            if (name != null && name.equals(poolName)) {
                throw LvmError.invalid("Logical volume name " + name + " and pool name must be different.");
            }
            if (name != null) {
                Names.checkNewLvName(name);
            }
            boolean withPool = size != null || extents != null;
            if (withPool) {
                Names.checkNewLvName(poolName);
            }
            long vsectors = Units.parseSize("-V", virtualSize, 'm', false).sectors();
            String pool = poolName;
            return inVg(vgName, ops -> {
                if (withPool) {
                    ops.createPool(pool, dataExtents(ops), poolParams.toPoolOptions(config()));
                }
                String n = name != null ? name : ops.defaultName();
                ops.createThin(n, pool, ops.extentsFor(vsectors), null, skip(false));
            });
        }
        if (poolType || thin || thinPool != null) {
            if (size == null && extents == null) {
                throw LvmError.invalid("Please specify either size or extents.");
            }
            String pn = poolName != null ? poolName : name;
            String vgn = vgName;
            if (pn != null) {
                Names.checkNewLvName(pn);
            }
            return inVg(vgn, ops -> ops.createPool(pn != null ? pn : ops.defaultName(), dataExtents(ops), poolParams.toPoolOptions(config())));
        }
        if (size == null && extents == null) {
            throw LvmError.invalid("Please specify either size or extents.");
        }
        if (name != null) {
            Names.checkNewLvName(name);
        }
        return inVg(vgName, ops -> ops.createLinear(name != null ? name : ops.defaultName(), dataExtents(ops),
                pvArgs.isEmpty() ? null : ops.pvNames(pvArgs)));
    }

    private int createSnapshot(String vgName, String origin) throws IOException {
        if (size != null || extents != null) {
            throw LvmError.invalid("jlvm: COW snapshots (-s with -L/-l) are not supported; omit the size for a thin snapshot.");
        }
        if (origin == null) {
            throw LvmError.invalid("Please specify a logical volume to act as the snapshot origin.");
        }
        if (name != null) {
            Names.checkNewLvName(name);
        }
        return inVg(vgName, ops -> {
            VgSession s = ops.session();
            LogicalVolume o = s.vg().lv(origin).orElseThrow(() -> LvmError.failed("Snapshot origin LV " + origin
                    + " not found in Volume group " + vgName + "."));
            if (ThinPools.thinSegment(o) == null) {
                throw LvmError.invalid("Please specify either size or extents with snapshots.");
            }
            String n = name != null ? name : ops.defaultName();
            ops.createThin(n, ThinPools.thinSegment(o).thinPool(), o.extentCount(), origin, skip(true));
        });
    }

    private boolean skip(boolean byDefault) {
        if (activationSkip == null) {
            return byDefault;
        }
        return PoolParamsOptions.yesNo("-k", activationSkip);
    }

    private long dataExtents(LvOps ops) {
        if (size != null) {
            return ops.extentsFor(Units.parseSize("-L", size, 'm', false).sectors());
        }
        return ops.extentsArg(extents);
    }

    interface Work {
        void run(LvOps ops) throws IOException;
    }

    private int inVg(String vgName, Work work) throws IOException {
        try (VgSession s = VgSession.open(settings(), vgName, true)) {
            ThinPools.resolvePending(s, this);
            work.run(new LvOps(s, this));
        }
        return ok();
    }
}
