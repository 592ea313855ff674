package org.jlvm.cli.lvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.jlvm.pool.testing.TestData;

/** The lvm2 2.03.16 vectors in testdata/lvm-vectors and in-memory devices rebuilt from them. */
public final class LvmVectors {
    public static final long MIB = 1 << 20;

    private LvmVectors() {
    }

    public static Path path(String name) {
        return TestData.dir("lvm-vectors").resolve(name);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** A sparse device of {@code size} bytes with the head vector at 0. */
    public static MemoryBlockDevice device(String head, long size) {
        MemoryBlockDevice dev = new MemoryBlockDevice(size);
        dev.write(0, java.nio.ByteBuffer.wrap(bytes(head)));
        return dev;
    }

    /** The vg2m device: head at 0 and the second mda's 8 KiB at 66060288. */
    public static MemoryBlockDevice vg2m() {
        MemoryBlockDevice dev = device("vg2m-2mda.head.bin", 64 * MIB);
        dev.write(66060288L, java.nio.ByteBuffer.wrap(bytes("vg2m-2mda.tail-mda2.bin")));
        return dev;
    }
}
