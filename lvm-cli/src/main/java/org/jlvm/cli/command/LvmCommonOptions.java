package org.jlvm.cli.command;

import picocli.CommandLine.Option;

/** The options every LVM verb takes, as lvm's COMMON_OPTIONS (a picocli mixin). */
public final class LvmCommonOptions {
    @Option(names = {"-v", "--verbose"}, description = "More output (repeatable).")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, description = "Suppress informational messages (warnings still print).")
    boolean[] quiet = new boolean[0];

    @Option(names = {"-t", "--test"}, description = "Run in test mode: nothing is written.")
    boolean test;

    @Option(names = "--config", paramLabel = "String",
            description = "Override settings of jlvm.yaml (lvm.conf): 'section/key=value' or 'section { key=value }'.")
    java.util.List<String> config = new java.util.ArrayList<>();

    @Option(names = {"-h", "-?", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;
}
