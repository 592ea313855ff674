package org.jlvm.tools.command;

import java.util.HashSet;
import java.util.Set;

/**
 * The quick start of the thin tools users run most (thin_check, thin_dump, thin_restore): a command line made only
 * of the tool's own options, each given once in its plain form ({@code -q}, {@code --quiet}, {@code -o FILE}), and
 * its input files is parsed here, without building picocli's model (most of a small run's time: reflection on
 * the annotations and picocli's own start). Anything else (help, version, {@code --opt=value}, grouped short
 * options, a value that looks like an option, a repeated or unknown option) is declined, and picocli parses the
 * command line with its usual messages. Once parsed, the command runs exactly as picocli would run it.
 */
final class QuickArgs {
    /** What a command takes on the quick path; each method returns false for what it does not take. */
    interface Target {
        /** A boolean option: sets it; returns the option's canonical name, or null. */
        String flag(String arg);

        /** An option taking a value: sets it; returns the option's canonical name, or null. */
        String option(String arg, String value);

        /** A positional argument. */
        boolean positional(String arg);
    }

    private QuickArgs() {
    }

    /** Applies {@code args} to {@code target}; false when the command line needs picocli. */
    static boolean apply(Target target, String[] args) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (plainValue(a)) {
                if (!target.positional(a)) {
                    return false;
                }
                continue;
            }
            if (a.isEmpty() || a.charAt(0) != '-') {
                return false;
            }
            String name = target.flag(a);
            if (name == null && i + 1 < args.length && plainValue(args[i + 1])) {
                try {
                    name = target.option(a, args[++i]);
                } catch (RuntimeException notAValue) {
                    return false; // e.g. not a path: picocli says so
                }
            }
            if (name == null || !seen.add(name)) {
                return false;
            }
        }
        return true;
    }

    /** Not an option, not empty, and not one of picocli's {@code @argument-files}. */
    private static boolean plainValue(String v) {
        return !v.isEmpty() && v.charAt(0) != '-' && v.charAt(0) != '@';
    }
}
