package org.jlvm.cli.lvm.vg;

import java.util.List;

/** lvm's name rules for VGs and LVs: characters, length, reserved prefixes and suffixes. */
public final class Names {
    private static final List<String> RESERVED_PREFIXES = List.of("snapshot", "pvmove");
    private static final List<String> RESERVED_PARTS = List.of("_cdata", "_cmeta", "_corig", "_cpool", "_cvol",
            "_wcorig", "_mimage", "_mlog", "_pmspare", "_rimage", "_rmeta", "_tdata", "_tmeta", "_vorigin",
            "_vdata", "_imeta", "_iorig");

    private Names() {
    }

    /** Whether {@code name} uses only {@code [a-zA-Z0-9+_.-]}, does not start with '-', is not "." or "..". */
    static boolean validCharacters(String name) {
        if (name.isEmpty() || name.length() > 127 || name.startsWith("-") || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (char c : name.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "+_.-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Checks a new LV name as lvcreate/lvrename do (exit 3 with lvm's message). */
    public static void checkNewLvName(String name) {
        if (!validCharacters(name)) {
            throw LvmError.invalid("Logical volume name \"" + name + "\" is invalid.");
        }
        for (String p : RESERVED_PREFIXES) {
            if (name.startsWith(p)) {
                throw LvmError.invalid("Names starting \"" + p + "\" are reserved. Please choose a different LV name.");
            }
        }
        for (String s : RESERVED_PARTS) {
            if (name.contains(s)) {
                throw LvmError.invalid("Names including \"" + s + "\" are reserved. Please choose a different LV name.");
            }
        }
    }

    /** Checks a new VG name as vgcreate does. */
    public static void checkNewVgName(String name) {
        if (!validCharacters(name)) {
            throw LvmError.invalid("Name contains invalid character, valid set includes: [a-zA-Z0-9.-_+].",
                    "New volume group name \"" + name + "\" is invalid.");
        }
    }
}
