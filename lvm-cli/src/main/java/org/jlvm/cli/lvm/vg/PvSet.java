package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jlvm.cli.lvm.ondisk.LvmFormatException;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.ondisk.VolumeGroupScan;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.FileBlockDevice;

/**
 * The PVs the devices file lists, opened (read-only or read-write) and grouped into VGs by
 * {@link VolumeGroupScan}. Listed files that are missing or carry no PV label are left out.
 */
public final class PvSet implements AutoCloseable {
    /** One opened PV: its path, the device under it, and the PV. */
    public record Opened(Path path, BlockDevice device, PhysicalVolumeFile pv) {
    }

    /** How a listed PV path becomes a device (files by default; tests put fault-injecting devices here). */
    public interface Opener {
        BlockDevice open(Path path, boolean writable) throws IOException;
    }

    /** The default: the file (or block device) itself. */
    public static final Opener FILES = (path, writable) -> FileBlockDevice.open(path, !writable);

    private final Map<Path, Opened> opened;
    private final VolumeGroupScan.Result scan;

    private PvSet(Map<Path, Opened> opened, VolumeGroupScan.Result scan) {
        this.opened = opened;
        this.scan = scan;
    }

    public static PvSet open(LvmHome home, boolean writable) throws IOException {
        return open(home, writable, FILES);
    }

    public static PvSet open(LvmHome home, boolean writable, Opener opener) throws IOException {
        Map<Path, Opened> opened = new LinkedHashMap<>();
        try {
            for (DevicesFile.Entry e : DevicesFile.read(home).entries()) {
                if (!Files.isRegularFile(e.path()) && !Files.exists(e.path())) {
                    continue;
                }
                Optional<Opened> o = openOne(e.path(), writable, opener);
                o.ifPresent(x -> opened.put(e.path(), x));
            }
            List<PhysicalVolumeFile> files = new ArrayList<>();
            for (Opened o : opened.values()) {
                files.add(o.pv());
            }
            return new PvSet(opened, VolumeGroupScan.scan(files));
        } catch (IOException | RuntimeException e) {
            for (Opened o : opened.values()) {
                o.device().close();
            }
            throw e;
        }
    }

    /** Opens {@code path} as a PV; empty when it has no PV label. */
    public static Optional<Opened> openOne(Path path, boolean writable) throws IOException {
        return openOne(path, writable, FILES);
    }

    private static Optional<Opened> openOne(Path path, boolean writable, Opener opener) throws IOException {
        BlockDevice dev = opener.open(path, writable);
        try {
            return Optional.of(new Opened(path, dev, PhysicalVolumeFile.of(dev, path.toString())));
        } catch (LvmFormatException e) {
            dev.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    public VolumeGroupScan.Result scan() {
        return scan;
    }

    public Optional<Opened> byPath(Path path) {
        return Optional.ofNullable(opened.get(path));
    }

    public List<Opened> all() {
        return List.copyOf(opened.values());
    }

    /** The opened PV behind {@code pv}. */
    public Opened of(PhysicalVolumeFile pv) {
        for (Opened o : opened.values()) {
            if (o.pv() == pv) {
                return o;
            }
        }
        throw new IllegalArgumentException("not one of the opened PVs");
    }

    /** The VG a PV belongs to, if any. */
    public Optional<String> vgOf(Opened o) {
        for (Map.Entry<String, VolumeGroupScan.Found> e : scan.vgs().entrySet()) {
            if (e.getValue().pvs().contains(o.pv())) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Opened o : opened.values()) {
            try {
                o.device().close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
