package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.jlvm.cli.lvm.text.TextHeader;
import org.jlvm.cli.lvm.text.TextLayout;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.cli.lvm.text.VgTextPrinter;
import org.jlvm.cli.lvm.model.VolumeGroup;

/**
 * lvm's metadata backups: before a change an archive {@code archive/VG_NNNNN-R.vg} ("Created *before* executing
 * '...'"), after it the backup {@code backup/VG} ("Created *after* executing '...'"), both in the backup layout.
 */
public final class VgBackups {
    private VgBackups() {
    }

    /** lvm's backup/retain_min and backup/retain_days defaults: archives kept at least, and for how long. */
    static final int RETAIN_MIN = 10;
    static final int RETAIN_DAYS = 30;

    /**
     * Writes {@code before} as the next archive {@code VG_NNNNN-R.vg} (one above the highest index) and, as lvm's
     * archive_vg, removes the oldest archives of the VG that are older than {@link #RETAIN_DAYS} days while more
     * than {@link #RETAIN_MIN} are left.
     */
    public static void archive(LvmSettings s, VolumeGroup before, long now) throws IOException {
        Path dir = s.home().archiveDir();
        Files.createDirectories(dir);
        List<Path> old = archives(dir, before.name());
        long next = old.isEmpty() ? 0 : index(old.get(old.size() - 1).getFileName().toString(), before.name()) + 1;
        String name = String.format("%s_%05d-%d.vg", before.name(), next,
                ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
        write(dir.resolve(name), header("Created *before* executing '" + s.commandLine() + "'", now), before);
        long count = old.size() + 1L;
        long retainAfter = (now - RETAIN_DAYS * 86400L) * 1000;
        for (Path p : old) {
            if (count <= RETAIN_MIN) {
                break;
            }
            if (Files.getLastModifiedTime(p).toMillis() > retainAfter) {
                continue;
            }
            Files.deleteIfExists(p);
            count--;
        }
    }

    /** The archives of {@code vg} in {@code dir}, oldest (lowest index) first. */
    public static List<Path> archives(Path dir, String vg) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                int us = n.lastIndexOf('_');
                return n.endsWith(".vg") && us == vg.length() && n.startsWith(vg) && index(n, vg) >= 0;
            }).sorted(Comparator.comparingLong(p -> index(p.getFileName().toString(), vg))).toList();
        }
    }

    public static Path backup(LvmSettings s, VolumeGroup after, String description, long now) throws IOException {
        Path dir = s.home().backupDir();
        Files.createDirectories(dir);
        Path file = dir.resolve(after.name());
        write(file, header(description, now), after);
        return file;
    }

    public static void backupAfter(LvmSettings s, VolumeGroup after, long now) throws IOException {
        backup(s, after, "Created *after* executing '" + s.commandLine() + "'", now);
    }

    /** Writes {@code vg} in the backup layout to {@code file} with {@code description}. */
    public static void writeFile(Path file, String description, VolumeGroup vg, long now) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        write(file.toAbsolutePath(), header(description, now), vg);
    }

    private static long index(String fileName, String vg) {
        String rest = fileName.substring(vg.length() + 1);
        int dash = rest.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static TextHeader header(String description, long now) {
        TextHeader h = TextHeader.forWrite("x", now);
        return new TextHeader(h.generator(), description, h.creationHost(), h.hostComment(), now);
    }

    static void write(Path file, TextHeader header, VolumeGroup vg) throws IOException {
        String text = new VgTextPrinter(TextLayout.BACKUP_FILE, ZoneId.systemDefault()).print(new VgText(header, vg));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
