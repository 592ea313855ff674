package org.jlvm.cli.command;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jlvm.cli.CliContext;

/**
 * {@code lvs}, {@code vgs} and {@code pvs} on a plain command line, without building their picocli models: lvm
 * users run the reports in loops, and picocli's model of a report verb costs a new JVM more than the report does.
 * The same verb objects run, with their fields filled as picocli fills them; a command line this parser does not
 * know exactly as picocli would read it (help, clustered short options, {@code --}, an unknown option, a value
 * missing) is left to the dispatcher.
 */
public final class QuickReports {
    private QuickReports() {
    }

    /** The verb {@code name} filled from {@code args}, or null when the dispatcher must parse them. */
    public static Callable<Integer> parse(String name, String[] args, CliContext ctx) {
        ReportVerb verb = switch (name) {
            case "lvs" -> new LvsCommand(ctx);
            case "vgs" -> new VgsCommand(ctx);
            case "pvs" -> new PvsCommand(ctx);
            default -> null;
        };
        if (verb == null) {
            return null;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-") || a.equals("-")) {
                if (!positional(verb, a)) {
                    return null;
                }
                continue;
            }
            if (flag(verb, a)) {
                if (!repeatable(a) && !seen.add(canonical(a))) {
                    return null; // picocli refuses a repeated single option with its own message
                }
                continue;
            }
            String option = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                option = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (!a.startsWith("--") && a.length() > 2) {
                option = a.substring(0, 2);
                value = a.substring(2);
            }
            if (!takesValue(option) || value != null && !a.startsWith("--") && value.startsWith("=")
                    || !repeatable(option) && !seen.add(canonical(option))) {
                return null;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
            }
            set(verb, option, value);
        }
        return verb;
    }

    private static boolean flag(ReportVerb verb, String a) {
        ReportOptions r = verb.report;
        LvmCommonOptions c = verb.common;
        switch (a) {
            case "-a", "--all" -> {
                if (!(verb instanceof LvsCommand lvs)) {
                    return false;
                }
                lvs.all = true;
            }
            case "--segments" -> {
                if (verb instanceof LvsCommand lvs) {
                    lvs.segments = true;
                } else if (verb instanceof PvsCommand pvs) {
                    pvs.segments = true;
                } else {
                    return false;
                }
            }
            case "--nosuffix" -> r.noSuffix = true;
            case "--noheadings" -> r.noHeadings = true;
            case "--aligned" -> r.aligned = true;
            case "--nameprefixes" -> r.namePrefixes = true;
            case "--unquoted" -> r.unquoted = true;
            case "--rows" -> r.rows = true;
            case "--binary" -> r.binary = true;
            case "-t", "--test" -> c.test = true;
            case "-v", "--verbose" -> c.verbose = more(c.verbose);
            case "-q", "--quiet" -> c.quiet = more(c.quiet);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean repeatable(String option) {
        return switch (option) {
            case "-v", "--verbose", "-q", "--quiet", "-o", "--options", "--config" -> true;
            default -> false;
        };
    }

    private static String canonical(String option) {
        return switch (option) {
            case "-a" -> "--all";
            case "-t" -> "--test";
            case "-O" -> "--sort";
            case "-S" -> "--select";
            default -> option;
        };
    }

    private static boolean[] more(boolean[] times) {
        boolean[] b = java.util.Arrays.copyOf(times, times.length + 1);
        b[times.length] = true;
        return b;
    }

    private static boolean takesValue(String option) {
        return switch (option) {
            case "-o", "--options", "-O", "--sort", "-S", "--select", "--units", "--separator", "--reportformat",
                "--config" -> true;
            default -> false;
        };
    }

    private static void set(ReportVerb verb, String option, String value) {
        ReportOptions r = verb.report;
        switch (option) {
            case "-o", "--options" -> r.options.add(value);
            case "-O", "--sort" -> r.sort = value;
            case "-S", "--select" -> r.select = value;
            case "--units" -> r.units = value;
            case "--separator" -> r.separator = value;
            case "--reportformat" -> r.format = value;
            case "--config" -> verb.common.config.add(value);
            default -> throw new IllegalArgumentException(option);
        }
    }

    private static boolean positional(ReportVerb verb, String a) {
        if (verb instanceof LvsCommand lvs) {
            lvs.only.add(a);
        } else if (verb instanceof VgsCommand vgs) {
            vgs.only.add(a);
        } else {
            try {
                ((PvsCommand) verb).only.add(Path.of(a));
            } catch (InvalidPathException e) {
                return false;
            }
        }
        return true;
    }
}
