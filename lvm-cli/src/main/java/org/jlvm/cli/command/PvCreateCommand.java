package org.jlvm.cli.command;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.PvGeometry;
import org.jlvm.cli.lvm.vg.DevicesFile;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.PvSet;
import org.jlvm.cli.lvm.vg.Units;
import org.jlvm.cli.lvm.vg.VgLock;
import org.jlvm.pool.io.FileBlockDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pvcreate}: writes an LVM2 PV label and metadata area onto files (created sparse with --size). */
@Command(name = "pvcreate", description = {"Initialize physical volume(s) for use by LVM.",
        "jlvm: a PV is a file or block device; --size creates (or grows) a sparse file first.",
        "The PV is added to the devices file JLVM_HOME/devices/system.devices."})
final class PvCreateCommand extends LvmVerb {
    @Option(names = "--size", paramLabel = "Size[m|UNIT]", description = "jlvm: create a sparse file of this size first.")
    String size;

    @Option(names = "--metadatasize", paramLabel = "Size[m|UNIT]", description = "Metadata area size.")
    String metadataSize;

    @Option(names = "--dataalignment", paramLabel = "Size[k|UNIT]", description = "Data area alignment (default 1m).")
    String dataAlignment;

    @Option(names = {"-u", "--uuid"}, paramLabel = "String", description = "The PV UUID to use.")
    String uuid;

    @picocli.CommandLine.Mixin
    PromptOptions prompt = new PromptOptions();

    @Override
    PromptOptions prompts() {
        return prompt;
    }

    @Parameters(paramLabel = "PV", arity = "1..*", description = "Files or devices.")
    List<Path> pvs;

    PvCreateCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        long md = metadataSize == null ? PvGeometry.DEFAULT_METADATA_SIZE
                : Units.parseSize("--metadatasize", metadataSize, 'm', false).sectors() * 512;
        long align = dataAlignment == null ? PvGeometry.DEFAULT_ALIGNMENT
                : Units.parseSize("--dataalignment", dataAlignment, 'k', false).sectors() * 512;
        Long bytes = size == null ? null : Units.parseSize("--size", size, 'm', false).sectors() * 512;
        PvGeometry.Options options;
        try {
            options = new PvGeometry.Options(md, align, 0, 1, 0);
        } catch (IllegalArgumentException e) {
            throw LvmError.invalid("Invalid metadata size or data alignment.");
        }
        int failed = 0;
        try (VgLock lock = VgLock.acquire(ctx.home(), VgLock.ORPHANS, settings().lockWaitMillis())) {
            for (Path p : pvs) {
                Path path = p.toAbsolutePath().normalize();
                try {
                    createOne(path, bytes, options);
                } catch (LvmError e) {
                    for (String l : e.lines()) {
                        warn(l);
                    }
                    failed++;
                }
            }
        }
        return failed == 0 ? ok() : LvmError.FAILED;
    }

    private void createOne(Path path, Long bytes, PvGeometry.Options options) throws IOException {
        if (!Files.exists(path)) {
            if (bytes == null) {
                throw LvmError.failed("No device found for " + path + ".");
            }
            if (!common.test) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
                    f.setLength(bytes);
                }
            }
        } else if (bytes != null && Files.size(path) < bytes && !common.test) {
            try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
                f.setLength(bytes);
            }
        }
        if (common.test && !Files.exists(path)) {
            print("Physical volume \"" + path + "\" successfully created.");
            return;
        }
        try (PvSet set = PvSet.open(ctx.home(), false)) {
            Optional<PvSet.Opened> known = set.byPath(path);
            if (known.isPresent()) {
                Optional<String> vg = set.vgOf(known.get());
                if (vg.isPresent() && prompt.force.length < 2) {
                    throw LvmError.failed("Can't initialize physical volume \"" + path + "\" of volume group \""
                            + vg.get() + "\" without -ff", path + ": physical volume not initialized.");
                }
            }
        }
        long deviceSize = Files.size(path) / 512 * 512;
        PvGeometry g;
        try {
            g = PvGeometry.pvcreate(deviceSize, options);
        } catch (IllegalArgumentException e) {
            throw LvmError.failed(path + ": device is too small for a PV (" + Units.display(deviceSize) + ").",
                    path + ": physical volume not initialized.");
        }
        LvmUuid id = uuid != null ? LvmUuid.parse(uuid) : LvmUuid.random(new SecureRandom());
        if (!common.test) {
            try (FileBlockDevice dev = FileBlockDevice.open(path, false)) {
                PhysicalVolumeFile.create(dev, id, g, path.toString());
            }
            DevicesFile df = DevicesFile.read(ctx.home());
            if (df.add(path, id.chars())) {
                df.write("pvcreate");
            }
        }
        print("Physical volume \"" + path + "\" successfully created.");
    }

    /**
     * lvm's implicit pvcreate of vgcreate and vgextend for a path that is no PV yet (with its own orphan lock;
     * call it holding no lock). {@code quiet} drops the "successfully created" line.
     */
    static void initializeImplicitly(CliContext ctx, boolean test, boolean quiet, Path p) {
        PvCreateCommand pvcreate = new PvCreateCommand(ctx);
        pvcreate.pvs = List.of(p);
        pvcreate.common = new LvmCommonOptions();
        pvcreate.common.test = test;
        pvcreate.common.quiet = quiet ? new boolean[] {true} : new boolean[0];
        try {
            if (pvcreate.run() != 0) {
                throw LvmError.failed(p + ": physical volume not initialized.");
            }
        } catch (IOException e) {
            throw LvmError.failed(p + ": " + e.getMessage());
        }
    }
}
