package org.jlvm.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.DiskLocn;
import org.jlvm.cli.lvm.ondisk.PvLabel;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.Units;
import org.jlvm.cli.lvm.vg.VgEdits;
import org.jlvm.cli.lvm.vg.VgLock;
import org.jlvm.cli.lvm.vg.VgSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pvresize [--setphysicalvolumesize SIZE] PV...}: takes in a grown (or shrunk) file or device, as lvm's
 * pv_resize_single: a PV of a VG gets the extents that fit ({@code dev_size} in the metadata is then the size
 * less {@code pe_start}, the label keeps its device size); an orphan PV gets the new size in its label.
 */
@Command(name = "pvresize", description = "Resize physical volume(s).")
final class PvResizeCommand extends LvmVerb {
    /** lvm's pv_min_size(): 2 MiB in sectors. */
    private static final long MIN_SECTORS = 4096;

    @Option(names = "--setphysicalvolumesize", paramLabel = "Size[m|UNIT]",
            description = "Use this size instead of the device's (prompts unless -y).")
    String setSize;

    @Mixin
    PromptOptions prompt = new PromptOptions();

    @Parameters(paramLabel = "PV", arity = "1..*")
    List<Path> pvs;

    PvResizeCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    PromptOptions prompts() {
        return prompt;
    }

    @Override
    int run() throws IOException {
        if (setSize != null && setSize.trim().startsWith("-")) {
            throw LvmError.invalid("Physical volume size may not be negative");
        }
        Long newSize = setSize == null ? null : Units.parseSize("--setphysicalvolumesize", setSize, 'm', false).sectors();
        int done = 0;
        int total = 0;
        int rc = ok();
        for (Path p : pvs.stream().map(x -> x.toAbsolutePath().normalize()).distinct().toList()) {
            if (!Files.exists(p)) {
                warn("Cannot use " + p + ": device not found");
                rc = LvmError.FAILED;
                continue;
            }
            total++;
            try {
                resize(p, newSize);
                done++;
            } catch (LvmError e) {
                e.lines().forEach(this::warn);
                rc = LvmError.FAILED;
            }
        }
        print(done + " physical volume(s) resized or updated / " + (total - done) + " physical volume(s) not resized");
        return rc;
    }

    private void resize(Path p, Long newSize) throws IOException {
        Optional<String> vgName;
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            Optional<PvSet.Opened> o = set.byPath(p);
            if (o.isEmpty()) {
                throw LvmError.failed("Failed to find physical volume \"" + p + "\".");
            }
            vgName = set.vgOf(o.get());
        }
        long size = size(p, Files.size(p) / 512, newSize);
        if (size < MIN_SECTORS) {
            throw LvmError.failed("Size must exceed minimum of " + MIN_SECTORS + " sectors on PV " + p + ".");
        }
        if (vgName.isEmpty()) {
            resizeOrphan(p, size);
        } else {
            resizeInVg(p, vgName.get(), size);
        }
        print("Physical volume \"" + p + "\" changed");
    }

    /** The size to use, in sectors: the device's, or the one given after lvm's warnings and prompt. */
    private long size(Path p, long real, Long requested) {
        if (requested == null) {
            return real;
        }
        if (requested > real) {
            warn("WARNING: " + p + ": Overriding real size " + Units.display(real * 512) + ". You could lose data.");
            if (!confirm(p + ": Requested size " + Units.display(requested * 512) + " exceeds real size "
                    + Units.display(real * 512) + ". Proceed? ")) {
                throw LvmError.failed("Physical Volume " + p + " not resized.");
            }
        } else if (requested < real && !confirm(p + ": Requested size " + Units.display(requested * 512)
                + " is less than real size " + Units.display(real * 512) + ". Proceed? ")) {
            throw LvmError.failed("Physical Volume " + p + " not resized.");
        }
        if (requested != real) {
            warn("WARNING: " + p + ": Pretending size is " + requested + " not " + real + " sectors.");
        }
        return requested;
    }

    private void resizeOrphan(Path p, long size) throws IOException {
        try (VgLock lock = VgLock.acquire(ctx.home(), VgLock.ORPHANS, settings().lockWaitMillis());
                PvSet set = PvSet.open(ctx.home(), !common.test)) {
            PvSet.Opened o = set.byPath(p).orElseThrow(() -> LvmError.failed("Failed to find physical volume \"" + p + "\"."));
            checkPeStart(p, o.pv().label(), size);
            if (!common.test) {
                o.pv().writeDeviceSize(size * 512);
            }
        }
    }

    private static void checkPeStart(Path p, PvLabel label, long size) {
        long peStart = label.peStartBytes() / 512;
        if (size < peStart) {
            throw LvmError.failed("Size must exceed physical extent start of " + peStart + " sectors on PV " + p + ".");
        }
        for (DiskLocn m : label.metadataAreas()) {
            if (m.offset() > label.peStartBytes()) {
                throw LvmError.failed("jlvm: " + p + ": resizing a PV with a metadata area at its end is not supported.");
            }
        }
    }

    private void resizeInVg(Path p, String vgName, long size) throws IOException {
        try (VgSession s = VgSession.open(settings(), vgName, true)) {
            VolumeGroup vg = s.vg();
            PvSet.Opened o = s.pvSet().byPath(p).orElseThrow();
            checkPeStart(p, o.pv().label(), size);
            PhysicalVolume pv = vg.pvs().stream().filter(x -> x.id().equals(o.pv().label().pvUuid())).findFirst()
                    .orElseThrow();
            long pvSize = size - pv.peStart();
            long newPe = pvSize / vg.extentSize();
            if (newPe == 0) {
                throw LvmError.failed("Size must leave space for at least one physical extent of " + vg.extentSize()
                        + " sectors on PV " + p + ".");
            }
            long allocated = VgEdits.allocated(vg, pv.name());
            if (newPe < allocated) {
                throw LvmError.failed(p + ": cannot resize to " + newPe + " extents as " + allocated + " are allocated.");
            }
            if (newPe < pv.peCount() && lastUsedExtent(vg, pv.name()) >= newPe) {
                throw LvmError.failed(p + ": cannot resize to " + newPe + " extents as later ones are allocated.");
            }
            List<PhysicalVolume> pvs = new ArrayList<>();
            for (PhysicalVolume x : vg.pvs()) {
                pvs.add(x == pv ? VgEdits.resized(pv, pvSize, newPe) : x);
            }
            s.commit(VgEdits.withPvs(vg, pvs));
        }
    }

    /** The highest extent of {@code pvName} an LV uses, -1 when none. */
    private static long lastUsedExtent(VolumeGroup vg, String pvName) {
        long last = -1;
        for (LogicalVolume lv : vg.lvs()) {
            for (Segment seg : lv.segments()) {
                if (seg instanceof StripedSegment st) {
                    long per = st.extentCount() / st.stripes().size();
                    for (StripedSegment.Stripe x : st.stripes()) {
                        if (x.pvName().equals(pvName)) {
                            last = Math.max(last, x.startPe() + per - 1);
                        }
                    }
                }
            }
        }
        return last;
    }
}
