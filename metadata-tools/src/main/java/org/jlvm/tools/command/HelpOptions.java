package org.jlvm.tools.command;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code -h/--help} and {@code -V/--version} as the 0.9.0 tools take them (a picocli mixin). */
final class HelpOptions {
    @Option(names = {"-h", "--help"})
    boolean help;

    @Option(names = {"-V", "--version"})
    boolean version;

    /** Prints the usage or the version when asked; returns the exit code, or null to go on. */
    Integer handle(PrintWriter out, String usage) {
        return Usage.helpOrVersion(out, help, version, usage);
    }
}
