package org.jlvm.dedup;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.FileBlockDevice;

/**
 * The backing devices this process has open read-write as dedup devices, so that a second read-write open
 * of the same one fails instead of two engines overwriting each other's metadata. A file is known by its
 * absolute path, any other device by identity. (Other processes are kept out by the file lock of
 * {@link FileBlockDevice}, where it has one.)
 */
final class OpenDevices {
    private static final Set<Object> OPEN = new HashSet<>();

    private OpenDevices() {
    }

    private record Identity(BlockDevice device) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.device == device;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(device);
        }
    }

    /** The key {@link #claim} returns for {@code backing}. */
    static Object keyOf(BlockDevice backing) {
        if (backing instanceof FileBlockDevice f) {
            return f.path().toAbsolutePath().normalize();
        }
        return new Identity(backing);
    }

    /** Registers a read-write open; fails with a one-line message when the device is already open. */
    static synchronized Object claim(BlockDevice backing) throws IOException {
        Object key = keyOf(backing);
        if (!OPEN.add(key)) {
            String name = key instanceof Identity ? "this backing device" : key.toString();
            throw new IOException("dedup device " + name + " is already open read-write in this process; "
                    + "close it first");
        }
        return key;
    }

    /** True if {@code backing} is open read-write. */
    static synchronized boolean isOpen(BlockDevice backing) {
        return OPEN.contains(keyOf(backing));
    }

    static synchronized void release(Object key) {
        OPEN.remove(key);
    }
}
