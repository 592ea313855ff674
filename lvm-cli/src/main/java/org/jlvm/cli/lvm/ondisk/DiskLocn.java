package org.jlvm.cli.lvm.ondisk;

/**
 * A {@code disk_locn} of the PV header: {@code offset} bytes from the device start, {@code size} bytes (0 for a
 * data area means "to the end of the device").
 */
public record DiskLocn(long offset, long size) {
    static final int BYTES = 16;

    public DiskLocn {
        if (offset < 0 || size < 0) {
            throw new IllegalArgumentException("disk location " + offset + "+" + size + " is negative");
        }
    }

    boolean isTerminator() {
        return offset == 0 && size == 0;
    }
}
