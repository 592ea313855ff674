package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The devices file, in lvm2's {@code system.devices} format: comment lines, {@code VERSION=1.1.N} (N counts the
 * writes), one {@code IDTYPE=devname IDNAME=path DEVNAME=path PVID=uuid PART=0} line per device. The verbs use
 * only the devices it lists, as lvm does with {@code use_devicesfile=1}.
 */
public final class DevicesFile {
    /** One listed device; {@code pvid} is the PV UUID without dashes, or "none" when unknown. */
    public record Entry(Path path, String pvid) {
        String line() {
            return "IDTYPE=devname IDNAME=" + path + " DEVNAME=" + path + " PVID=" + pvid + " PART=0";
        }
    }

    private final Path file;
    private final List<Entry> entries;
    private final long version;

    private DevicesFile(Path file, List<Entry> entries, long version) {
        this.file = file;
        this.entries = entries;
        this.version = version;
    }

    public static DevicesFile read(LvmHome home) throws IOException {
        Path file = home.devicesFile();
        List<Entry> entries = new ArrayList<>();
        long version = 0;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String l = line.trim();
                if (l.startsWith("VERSION=")) {
                    String[] parts = l.substring(8).split("\\.");
                    try {
                        version = Long.parseLong(parts[parts.length - 1]);
                    } catch (NumberFormatException e) {
                        version = 0;
                    }
                } else if (l.startsWith("IDTYPE=")) {
                    String name = field(l, "DEVNAME");
                    if (name == null) {
                        name = field(l, "IDNAME");
                    }
                    if (name != null) {
                        String pvid = field(l, "PVID");
                        entries.add(new Entry(Path.of(name), pvid == null ? "none" : pvid));
                    }
                }
            }
        }
        return new DevicesFile(file, entries, version);
    }

    private static String field(String line, String key) {
        for (String part : line.split("\\s+")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public boolean contains(Path path) {
        return entries.stream().anyMatch(e -> e.path().equals(path));
    }

    /** Adds or updates {@code path}; returns whether anything changed. */
    public boolean add(Path path, String pvid) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).path().equals(path)) {
                if (entries.get(i).pvid().equals(pvid)) {
                    return false;
                }
                entries.set(i, new Entry(path, pvid));
                return true;
            }
        }
        entries.add(new Entry(path, pvid));
        return true;
    }

    public boolean remove(Path path) {
        return entries.removeIf(e -> e.path().equals(path));
    }

    /** Writes the file (atomically, through a temporary file), as {@code command} would. */
    public void write(String command) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder b = new StringBuilder();
        b.append("# LVM uses devices listed in this file.\n");
        b.append("# Created by LVM command ").append(command).append(" pid ").append(ProcessHandle.current().pid())
                .append(" at ").append(DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH)
                        .format(ZonedDateTime.now(ZoneId.systemDefault()))).append('\n');
        b.append("VERSION=1.1.").append(version + 1).append('\n');
        for (Entry e : entries) {
            b.append(e.line()).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b.toString());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
