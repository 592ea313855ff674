package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.cli.lvm.text.TextHeader;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.cli.lvm.text.VgTextReader;

/**
 * lvm2 2.03.16's vgcfgrestore: listing the archives and the backup of a VG ({@code archive_list},
 * {@code backup_list}), and writing a VG from a backup file back onto its PVs (found by PV UUID, in the VG or
 * orphans) with the file's seqno + 1. A VG with thin LVs needs {@code --force}: the pool metadata is not in the
 * file. As lvm, a restore neither archives nor rewrites the backup.
 */
public final class VgRestore {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.ROOT);

    private VgRestore() {
    }

    /** {@code vgcfgrestore --list VG}: the archives oldest first, then the backup, as lvm prints them. */
    public static void list(LvmHome home, String vg, Messages msg) throws IOException {
        List<Path> archives = VgBackups.archives(home.archiveDir(), vg);
        if (archives.isEmpty()) {
            msg.print("No archives found in " + home.archiveDir() + ".");
        }
        for (Path p : archives) {
            display(p, msg);
        }
        Path backup = home.backupDir().resolve(vg);
        if (Files.exists(backup)) {
            display(backup, msg);
        }
    }

    /** {@code vgcfgrestore --list -f FILE}. */
    public static void listFile(Path file, Messages msg) throws IOException {
        if (!Files.exists(file)) {
            throw LvmError.failed("Archive file " + file + " not found.");
        }
        display(file, msg);
    }

    /** One block; the {@code File:} line names the file twice, as lvm2 2.03.16 prints it (fixed in later lvm). */
    private static void display(Path file, Messages msg) throws IOException {
        msg.print(" ");
        String dir = file.getParent() == null ? "" : file.getParent().toString();
        msg.print("File:\t\t" + dir + "/" + file.getFileName() + "/" + file.getFileName());
        VgText text;
        try {
            text = VgTextReader.read(Files.readString(file));
        } catch (IOException e) {
            msg.warn("Unable to read archive file.");
            return;
        }
        TextHeader h = text.header();
        msg.print("VG name:    \t" + text.vg().name());
        msg.print("Description:\t" + (h.description().isEmpty() ? "<No description>" : h.description()));
        msg.print("Backup Time:\t" + CTIME.format(Instant.ofEpochSecond(h.creationTime())
                .atZone(ZoneId.systemDefault())) + "\n");
    }

    /** Restores {@code vgName} from {@code file} (the VG's backup when null). */
    public static void restore(LvmSettings s, String vgName, Path file, boolean force, Messages msg)
            throws IOException {
        Path from = file != null ? file : s.home().backupDir().resolve(vgName);
        VolumeGroup vg = read(from, vgName);
        try (VgLock lock = s.testMode() ? null : VgLock.acquire(s.home(), vgName, s.lockWaitMillis());
                PvSet pvs = PvSet.open(s.home(), !s.testMode())) {
            List<PhysicalVolumeFile> files = new ArrayList<>();
            int missing = 0;
            for (PhysicalVolume pv : vg.pvs()) {
                PhysicalVolumeFile f = pvs.all().stream().map(PvSet.Opened::pv)
                        .filter(x -> x.label().pvUuid().equals(pv.id())).findFirst().orElse(null);
                if (f == null) {
                    msg.warn("WARNING: Couldn't find device with uuid " + pv.id() + ".");
                    missing++;
                } else {
                    files.add(f);
                }
            }
            for (LogicalVolume lv : vg.lvs()) {
                LvAttr.Role role = LvAttr.role(vg, lv);
                if (role == LvAttr.Role.THIN || role == LvAttr.Role.THIN_POOL || role == LvAttr.Role.THIN_POOL_DATA
                        || role == LvAttr.Role.THIN_POOL_METADATA) {
                    if (!force) {
                        throw LvmError.failed("Consider using option --force to restore Volume Group " + vg.name()
                                + " with thin volumes.", "Restore failed.");
                    }
                    msg.warn("WARNING: Forced restore of Volume Group " + vg.name() + " with thin volumes.");
                    break;
                }
            }
            if (missing > 0) {
                throw LvmError.failed("Cannot restore Volume Group " + vg.name() + " with " + missing
                        + " PVs marked as missing.", "Restore failed.");
            }
            if (!s.testMode()) {
                long now = System.currentTimeMillis() / 1000;
                PhysicalVolumeFile.commitVg(files, new VgText(TextHeader.forWrite(s.commandLine(), now),
                        vg.withSeqno(vg.seqno() + 1)));
            }
        }
        msg.print("Restored volume group " + vg.name() + ".");
    }

    private static VolumeGroup read(Path file, String vgName) {
        if (!Files.exists(file)) {
            throw LvmError.failed(file + ": stat failed: No such file or directory",
                    "WARNING: couldn't read volume group metadata from file.",
                    "Failed to read VG " + vgName + " from " + file, "Restore failed.");
        }
        VolumeGroup vg;
        try {
            vg = VgTextReader.read(Files.readString(file)).vg();
        } catch (IOException | RuntimeException e) {
            throw LvmError.failed("Couldn't read volume group metadata from " + file + ": " + e.getMessage(),
                    "Failed to read VG " + vgName + " from " + file, "Restore failed.");
        }
        if (!vg.name().equals(vgName)) {
            throw LvmError.failed("'" + file + "' does not contain volume group '" + vgName + "'.", "Restore failed.");
        }
        return vg;
    }
}
