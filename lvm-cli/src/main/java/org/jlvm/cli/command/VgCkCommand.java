package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.PvCheck;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vgck [--updatemetadata] [VG...]}: checks every metadata area of the VG's PVs (mda header, text
 * checksum, text parse), that all PVs carry the VG's seqno and that none is missing, with lvm's warnings; as lvm, a VG it can read
 * passes (exit 0) even with a bad copy. {@code --updatemetadata} rewrites the metadata on every PV (seqno + 1),
 * which repairs bad and old copies.
 */
@Command(name = "vgck", description = "Check the consistency of volume group(s).")
final class VgCkCommand extends LvmVerb {
    @Option(names = "--updatemetadata", description = "Rewrite the VG metadata to correct problems.")
    boolean update;

    @Parameters(paramLabel = "VG", arity = "0..*")
    List<String> names = new ArrayList<>();

    VgCkCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        int rc = ok();
        List<String> toUpdate = new ArrayList<>();
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            VolumeGroupScan.Result scan = set.scan();
            for (Map.Entry<PhysicalVolumeFile, String> d : scan.damaged().entrySet()) {
                scanWarnings(set.of(d.getKey()));
            }
            List<String> vgs = names.isEmpty() ? new ArrayList<>(scan.vgs().keySet()) : names;
            for (String name : vgs) {
                VolumeGroupScan.Found f = scan.vg(name).orElse(null);
                if (f == null) {
                    VgSession.notFound(name).lines().forEach(this::warn);
                    rc = LvmError.FAILED;
                    continue;
                }
                check(set, f);
                toUpdate.add(name);
            }
        }
        if (update) {
            for (String name : toUpdate) {
                try (VgSession s = VgSession.open(settings(), name, true)) {
                    s.commit(s.vg());
                }
            }
        }
        return rc;
    }

    /** lvm's warnings for a PV whose metadata the scan could not read. */
    private void scanWarnings(PvSet.Opened o) throws IOException {
        String p = o.path().toString();
        PvCheck.Report r = PvCheck.check(o.device(), p);
        for (PvCheck.BadText b : r.badTexts()) {
            warn("WARNING: Checksum error on " + p + " at offset " + b.at() + ".");
            warn("WARNING: bad metadata text on " + p + " in mda" + b.mda());
            warn("WARNING: scanning " + p + " mda" + b.mda() + " failed to read metadata summary.");
            warn("WARNING: repair VG metadata on " + p + " with vgck --updatemetadata.");
        }
        warn("WARNING: scan failed to get metadata summary from " + p + " PVID " + o.pv().label().pvUuid().chars());
    }

    /** Checks every PV of {@code f}: bad copies, and copies older than the VG's seqno. */
    private void check(PvSet set, VolumeGroupScan.Found f) throws IOException {
        String vg = f.metadata().vg().name();
        long seqno = f.metadata().vg().seqno();
        String newest = null;
        for (PhysicalVolumeFile file : f.pvs()) {
            PvSet.Opened o = set.of(file);
            String p = o.path().toString();
            PvCheck.Report r = PvCheck.check(o.device(), p);
            for (PvCheck.BadText b : r.badTexts()) {
                warn("WARNING: Checksum error on " + p + " at offset " + b.at() + ".");
                warn("WARNING: couldn't read volume group metadata from " + p + ".");
                warn("WARNING: Failed to read metadata text at " + b.at() + " off " + b.location().offset() + " size "
                        + b.location().size() + " VG " + vg + " on " + p);
                warn("WARNING: reading " + p + " mda" + b.mda() + " failed to read metadata.");
                warn("WARNING: repair VG metadata on " + p + " with vgck --updatemetadata.");
                warn("WARNING: Reading VG " + vg + " on " + p + " failed.");
            }
            r.checks().stream().filter(c -> !c.contains("crc does not match")).forEach(c -> warn("WARNING: " + p + ": " + c));
            if (newest == null && r.texts().stream().anyMatch(t -> t.vg().seqno() == seqno)) {
                newest = p;
            }
        }
        for (org.jlvm.cli.lvm.model.PhysicalVolume pv : f.missing()) {
            warn("WARNING: Couldn't find device with uuid " + pv.id().formatted() + ".");
            warn("WARNING: VG " + vg + " is missing PV " + pv.id().formatted() + " (last written to " + pv.device()
                    + ").");
        }
        for (PhysicalVolumeFile file : f.stale()) {
            long own = file.readVg().map(t -> t.vg().seqno()).orElse(0L);
            warn("WARNING: ignoring metadata seqno " + own + " on " + set.of(file).path() + " for seqno " + seqno
                    + " on " + newest + " for VG " + vg + ".");
        }
        if (!f.stale().isEmpty()) {
            warn("WARNING: Inconsistent metadata found for VG " + vg + ".");
            warn("See vgck --updatemetadata to correct inconsistency.");
        }
    }
}
