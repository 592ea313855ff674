package org.jlvm.cli.lvm.model;

import java.util.random.RandomGenerator;

/**
 * An LVM2 UUID: 32 characters from {@code 0-9 a-z A-Z ! #}. Stored without dashes in the PV label, written with
 * dashes after groups of 6-4-4-4-4-4-6 characters in metadata text and tool output.
 */
public record LvmUuid(String chars) {
    /** Characters a reader accepts; generated UUIDs use the first 62. */
    static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#";
    private static final int LENGTH = 32;
    private static final int[] GROUPS = {6, 4, 4, 4, 4, 4, 6};

    public LvmUuid {
        if (chars.length() != LENGTH) {
            throw new IllegalArgumentException("UUID '" + chars + "' has " + chars.length() + " characters, expected 32");
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(chars.charAt(i)) < 0) {
                throw new IllegalArgumentException("UUID '" + chars + "' has an invalid character '"
                        + chars.charAt(i) + "' at " + i);
            }
        }
    }

    /** Parses a UUID written with or without dashes (dashes are ignored wherever they are, as lvm2 does). */
    public static LvmUuid parse(String text) {
        return new LvmUuid(text.replace("-", ""));
    }

    /** A new random UUID from the 62 alphanumeric characters, as lvm2 generates them. */
    public static LvmUuid random(RandomGenerator random) {
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            b.append(ALPHABET.charAt(random.nextInt(62)));
        }
        return new LvmUuid(b.toString());
    }

    /** The 38-character form with dashes, e.g. {@code euSXBk-CNWx-uN2t-Y7nV-1mzR-u1v4-ejCdTM}. */
    public String formatted() {
        StringBuilder b = new StringBuilder(LENGTH + GROUPS.length - 1);
        int pos = 0;
        for (int g = 0; g < GROUPS.length; g++) {
            if (g > 0) {
                b.append('-');
            }
            b.append(chars, pos, pos + GROUPS[g]);
            pos += GROUPS[g];
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return formatted();
    }

    // Written out: a record's generated equals and hashCode link through ObjectMethods at their first call, which
    // costs a new JVM about 15 ms of method-handle spinning, and every lvs, vgs and pvs compares VG UUIDs.
    @Override
    public boolean equals(Object o) {
        return o instanceof LvmUuid u && chars.equals(u.chars);
    }

    @Override
    public int hashCode() {
        return chars.hashCode();
    }
}
