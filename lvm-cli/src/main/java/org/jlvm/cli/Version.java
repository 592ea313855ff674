package org.jlvm.cli;

/** The version from the jar manifest (set by the build), or "dev" when run from classes. */
public final class Version {
    private Version() {
    }

    public static String get() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
