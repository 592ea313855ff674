package org.jlvm.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jlvm.cli.command.LvmVerbs;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.tools.command.ToolCommands;
import picocli.CommandLine;

/** Finds the command named by the invocation or the first argument and runs it with picocli. */
final class Dispatcher {
    /**
     * One runnable command: how to build it (LVM verbs get the run's {@link CliContext}), which exit code a bad
     * command line gets, and whether lvm's error conventions apply.
     */
    record Entry(String name, String summary, Function<CliContext, Object> factory, int invalidInputCode,
            boolean lvm) {
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final BufferedReader in;
    private final boolean interactive;

    Dispatcher(PrintWriter out, PrintWriter err) {
        this(out, err, Map.of(), null, false);
    }

    Dispatcher(PrintWriter out, PrintWriter err, Map<String, String> env, BufferedReader in, boolean interactive) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.in = in;
        this.interactive = interactive;
    }

    /**
     * The commands of each family, built only when asked: linking every command's factory costs a start-up
     * about 15 ms, and a run needs one family (the LVM verbs are looked up first).
     */
    private static List<Supplier<List<Entry>>> families() {
        return List.of(Dispatcher::lvmVerbs, Dispatcher::tools, Dispatcher::others);
    }

    private static List<Entry> lvmVerbs() {
        List<Entry> l = new ArrayList<>();
        for (LvmVerbs.Verb v : LvmVerbs.all()) {
            l.add(new Entry(v.name(), v.summary(), v.factory(), ExitCodes.INVALID_COMMAND_LINE, true));
        }
        return l;
    }

    private static List<Entry> tools() {
        List<Entry> l = new ArrayList<>();
        for (ToolCommands.Tool t : ToolCommands.all()) {
            l.add(new Entry(t.name(), t.summary(), c -> t.factory().get(), ExitCodes.TOOL_FAILED, false));
        }
        return l;
    }

    private static List<Entry> others() {
        List<Entry> l = new ArrayList<>();
        for (ToolCommands.Tool t : org.jlvm.cli.command.DedupCommands.all()) {
            l.add(new Entry(t.name(), t.summary(), c -> t.factory().get(), ExitCodes.FAILED, false));
        }
        l.add(new Entry(org.jlvm.cli.command.DaemonCommand.NAME, org.jlvm.cli.command.DaemonCommand.SUMMARY,
                org.jlvm.cli.command.DaemonCommand::new, ExitCodes.FAILED, false));
        l.add(new Entry(org.jlvm.cli.command.NbdServeCommand.NAME, org.jlvm.cli.command.NbdServeCommand.SUMMARY,
                c -> new org.jlvm.cli.command.NbdServeCommand(), ExitCodes.FAILED, false));
        return l;
    }

    /** The command named {@code name}, or null. */
    private static Entry find(String name) {
        for (Supplier<List<Entry>> family : families()) {
            for (Entry e : family.get()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Every command by name. */
    private static Map<String, Entry> all() {
        Map<String, Entry> commands = new TreeMap<>();
        for (Supplier<List<Entry>> family : families()) {
            for (Entry e : family.get()) {
                commands.put(e.name(), e);
            }
        }
        return commands;
    }

    /** Whether {@code name} is a command ({@code jlvm NAME} runs it). */
    boolean knows(String name) {
        return find(name) != null;
    }

    /** The commands, sorted by name (the shell completes and describes them). */
    java.util.Collection<Entry> entries() {
        return java.util.Collections.unmodifiableCollection(all().values());
    }

    int run(String invoked, String[] args) {
        Entry direct = "jlvm".equals(invoked) ? null : find(invoked);
        if (direct != null) {
            return execute(direct, args);
        }
        if (args.length == 0) {
            usage(out);
            return ExitCodes.OK;
        }
        String first = args[0];
        switch (first) {
            case "--version", "-V" -> {
                out.println("jlvm " + Version.get());
                return ExitCodes.OK;
            }
            case "help", "--help", "-h" -> {
                Entry e = args.length > 1 ? find(args[1]) : null;
                if (e != null) {
                    return execute(e, new String[] {"--help"});
                }
                usage(out);
                return ExitCodes.OK;
            }
            default -> {
                Entry e = find(first);
                if (e == null) {
                    err.println("jlvm: no such command '" + first + "'. Try 'jlvm help'.");
                    return ExitCodes.INVALID_COMMAND_LINE;
                }
                return execute(e, Arrays.copyOfRange(args, 1, args.length));
            }
        }
    }

    /** The context of one run of {@code name} with {@code args}: its streams, JLVM_HOME and command line. */
    static CliContext context(String name, String[] args, PrintWriter out, PrintWriter err, Map<String, String> env,
            BufferedReader in, boolean interactive) {
        return new CliContext(LvmHome.fromEnvironment(env), out, err, in, interactive,
                String.join(" ", name, String.join(" ", args)).trim(), CliContext.lockWait(env));
    }

    private int execute(Entry e, String[] args) {
        CliContext context = context(e.name(), args, out, err, env, in, interactive);
        CommandLine cl = new CommandLine(e.factory().apply(context));
        cl.setCommandName(e.name());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(ex -> ExitCodes.FAILED);
        if (e.lvm()) {
            // lvm takes option values that look like options (lvcreate -n -lv reaches the name check)
            cl.setAllowOptionsAsOptionParameters(true);
            cl.setParameterExceptionHandler((ex, a) -> ErrorHandling.badCommandLine(e.name(), ex.getMessage(), err));
            cl.setExecutionExceptionHandler((ex, c, p) -> ErrorHandling.report(e.name(), ex, err));
            return cl.execute(args);
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(e.name() + ": " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return e.invalidInputCode();
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            // a cancelled run (the shell's Ctrl-C) says so in the tool's own style: "thin_dump: interrupted"
            err.println(e.name() + ": " + (ex instanceof org.jlvm.tools.ir.Cancellation.Cancelled ? "interrupted"
                    : ErrorMessages.describe(ex)));
            return e.invalidInputCode() == ExitCodes.TOOL_FAILED ? ExitCodes.TOOL_FAILED : ExitCodes.FAILED;
        });
        return cl.execute(args);
    }

    private void usage(PrintWriter w) {
        w.println("jlvm " + Version.get() + ": thin provisioning, snapshots and dedup on files and block devices");
        w.println();
        w.println("Usage: jlvm <command> [options]   (or run a link named like the command)");
        w.println();
        w.println("Commands:");
        for (Entry e : all().values()) {
            w.printf("  %-22s %s%n", e.name(), e.summary());
        }
        w.printf("  %-22s %s%n", "help [command]", "this text, or a command's usage");
    }
}
