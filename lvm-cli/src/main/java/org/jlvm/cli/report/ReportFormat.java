package org.jlvm.cli.report;

/** {@code --reportformat}: lvm2 2.03.16 knows {@code basic} and {@code json}. */
public enum ReportFormat {
    BASIC,
    JSON;

    /**
     * Parses the option's argument.
     *
     * @throws IllegalArgumentException with lvm's message {@code Invalid argument for --reportformat: X}
     */
    public static ReportFormat parse(String s) {
        return switch (s) {
            case "basic" -> BASIC;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("Invalid argument for --reportformat: " + s);
        };
    }
}
