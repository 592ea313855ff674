package org.jlvm.cli.lvm.vg;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the LVM verbs keep their state: {@code $JLVM_HOME} (default {@code ~/.local/share/jlvm}) with the devices
 * file {@code devices/system.devices}, the lock directory {@code run/lock}, and {@code backup/} and
 * {@code archive/} as lvm keeps them under /etc/lvm.
 */
public record LvmHome(Path root) {
    public static LvmHome fromEnvironment(Map<String, String> env) {
        String home = env.get("JLVM_HOME");
        if (home != null && !home.isBlank()) {
            return new LvmHome(Path.of(home).toAbsolutePath());
        }
        String user = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new LvmHome(Path.of(user, ".local", "share", "jlvm").toAbsolutePath());
    }

    public Path devicesFile() {
        return root.resolve("devices").resolve("system.devices");
    }

    public Path lockDir() {
        return root.resolve("run").resolve("lock");
    }

    public Path backupDir() {
        return root.resolve("backup");
    }

    public Path archiveDir() {
        return root.resolve("archive");
    }
}
