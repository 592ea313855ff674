package org.jlvm.tools.command;

/** Usage texts of the 0.9.0 tools, printed verbatim by {@code -h} and on missing input. */
final class Usage {
    static final String VERSION = "0.9.0";

    static final String THIN_CHECK = """
            Usage: thin_check [options] {device|file}
            Options:
              {-q|--quiet}
              {-h|--help}
              {-V|--version}
              {-m|--metadata-snap}
              {--auto-repair}
              {--override-mapping-root}
              {--clear-needs-check-flag}
              {--ignore-non-fatal-errors}
              {--skip-mappings}
              {--super-block-only}
            """;

    static final String THIN_DUMP = """
            Usage: thin_dump [options] {device|file}
            Options:
              {-h|--help}
              {-f|--format} {xml|human_readable|custom}
              {-r|--repair}
              {-m|--metadata-snap} [block#]
              {-o <xml file>}
              {--dev-id} <dev-id>
              {--skip-mappings}
              {-V|--version}
            """;

    static final String THIN_RESTORE = """
            Usage: thin_restore [options]
            Options:
              {-h|--help}
              {-i|--input} <input xml file>
              {-o|--output} <output device or file>
              {--transaction-id} <natural>
              {--data-block-size} <natural>
              {--nr-data-blocks} <natural>
              {-q|--quiet}
              {-V|--version}
            """;

    static final String THIN_LS = """
            Usage: thin_ls [options] {metadata device}
            Options:
              {-h|--help}
              {-m|--metadata-snap}
              {--no-headers}
              {-o|--format <fields>}
              {-V|--version}

            where <fields> is a comma separated list from:
              DEV
              MAPPED_BLOCKS
              EXCLUSIVE_BLOCKS
              SHARED_BLOCKS
              MAPPED_SECTORS
              EXCLUSIVE_SECTORS
              SHARED_SECTORS
              MAPPED_BYTES
              EXCLUSIVE_BYTES
              SHARED_BYTES
              MAPPED
              EXCLUSIVE
              SHARED
              TRANSACTION
              CREATE_TIME
              SNAP_TIME
            """;

    static final String THIN_DELTA = """
            Usage: thin_delta [options] <device or file>
            Options:
              {--thin1, --snap1}
              {--thin2, --snap2}
              {-m, --metadata-snap} [block#]
              {--verbose}
              {-h|--help}
              {-V|--version}
            """;

    static final String THIN_RMAP = """
            Usage: thin_rmap [options] {device|file}
            Options:
              {-h|--help}
              {-V|--version}
              {--region <block range>}*
            Where:
              <block range> is of the form <begin>..<one-past-the-end>
              for example 5..45 denotes blocks 5 to 44 inclusive, but not block 45
            """;

    static final String THIN_REPAIR = """
            Usage: thin_repair [options] {device|file}
            Options:
              {-h|--help}
              {-i|--input} <input metadata (binary format)>
              {-o|--output} <output metadata (binary format)>
              {--transaction-id} <natural>
              {--data-block-size} <natural>
              {--nr-data-blocks} <natural>
              {-V|--version}
            """;

    private Usage() {
    }

    /** True if option {@code names} got {@code value} as a separate argument (not attached to the option). */
    static boolean separateValue(picocli.CommandLine.Model.CommandSpec spec, String value, String... names) {
        if (value.isEmpty()) {
            return false;
        }
        java.util.List<String> args = spec.commandLine().getParseResult().originalArgs();
        for (int i = 0; i + 1 < args.size(); i++) {
            for (String n : names) {
                if (args.get(i).equals(n) && args.get(i + 1).equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Parses an unsigned decimal the way the tools' option parser does; null if it is not a number. */
    static Long parseNatural(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return null;
            }
        }
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Handles -h and -V as the 0.9.0 tools do; returns the exit code, or null when neither was given. */
    static Integer helpOrVersion(java.io.PrintWriter out, boolean help, boolean version, String usage) {
        if (help) {
            out.print(usage);
            out.flush();
            return 0;
        }
        if (version) {
            out.println(VERSION);
            out.flush();
            return 0;
        }
        return null;
    }

    /**
     * The block given with {@code -m/--metadata-snap} (0 = the one in the superblock), or null without the
     * option. As with getopt's optional arguments, a value that is not attached ({@code -m 8}) or not a
     * number is the input device, which is put back at the front of {@code inputs}.
     */
    static Long metadataSnapArgument(picocli.CommandLine.Model.CommandSpec spec, String value,
                                     java.util.List<String> inputs) {
        if (value == null) {
            return null;
        }
        if (separateValue(spec, value, "-m", "--metadata-snap")) {
            inputs.add(0, value);
            return 0L;
        }
        Long snap = parseNatural(value);
        if (snap == null) {
            if (!value.isEmpty()) {
                inputs.add(0, value);
            }
            return 0L;
        }
        return snap;
    }
}
