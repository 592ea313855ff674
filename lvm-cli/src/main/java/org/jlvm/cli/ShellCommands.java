package org.jlvm.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.shell.CommandModel;
import org.jlvm.cli.shell.CommandSet;
import org.jlvm.tools.ir.Cancellation;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The dispatcher's commands as the shell sees them: each line runs through a {@link Dispatcher} exactly as
 * {@code jlvm WORDS...} does (same streams, messages and exit codes), and completion reads each command's
 * picocli model, translated into the shell's {@link CommandModel} so that picocli stays out of the shell. The
 * shell binds a {@link Cancellation} to each line: the {@link #READ_ONLY} commands stop when it is requested,
 * the others never see it.
 */
final class ShellCommands implements CommandSet {
    /**
     * Values lvm documents for options whose picocli label does not list them (the label and description are
     * read first).
     */
    private static final Map<String, List<String>> KNOWN_VALUES = Map.of(
            "--type", List.of("linear", "striped", "thin-pool", "thin"),
            "--discards", List.of("passdown", "nopassdown", "ignore"),
            "--reportformat", List.of("basic", "json", "json_std"),
            "--units", List.of("r", "h", "b", "s", "k", "m", "g", "t", "p", "e", "H", "K", "M", "G", "T", "P", "E"),
            "--alloc", List.of("normal", "contiguous", "cling", "anywhere", "inherit"));

    /**
     * The commands that only read: the shell's Ctrl-C cancels them at their next cancellation point (the thin
     * tools' walks and scans, and any write to stdout). Every other command runs shielded from it.
     */
    static final Set<String> READ_ONLY = Set.of("thin_check", "thin_dump", "thin_ls", "thin_rmap", "thin_delta",
            "thin_metadata_pack", "vdostats", "lvs", "vgs", "pvs", "lvdisplay", "vgdisplay", "pvdisplay");

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Dispatcher catalogue;
    private final Map<String, CommandModel> models = new ConcurrentHashMap<>();

    ShellCommands(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.catalogue = new Dispatcher(out, err, env, null, false);
    }

    @Override
    public List<CommandModel.Summary> commands() {
        List<CommandModel.Summary> all = new ArrayList<>();
        for (Dispatcher.Entry e : catalogue.entries()) {
            all.add(new CommandModel.Summary(e.name(), e.summary()));
        }
        return all;
    }

    @Override
    public Optional<CommandModel> model(String name) {
        if (!catalogue.knows(name)) {
            return Optional.empty();
        }
        return Optional.of(models.computeIfAbsent(name, this::build));
    }

    @Override
    public int run(List<String> words, BufferedReader input, boolean interactive) {
        String[] args = words.toArray(String[]::new);
        if (!readOnly(words)) {
            // a command that may write is never cut: the shell's Ctrl-C does not reach it (only its questions)
            int rc = Cancellation.shielded(() -> new Dispatcher(out, err, env, input, interactive).run("jlvm", args));
            out.flush();
            err.flush();
            return rc;
        }
        // besides the tools' own cancellation points, each write to stdout is one (the LVM reports have no other)
        PrintWriter checked = new PrintWriter(new CancellingWriter(out, Cancellation.current()));
        int rc = new Dispatcher(checked, err, env, input, interactive).run("jlvm", args);
        checked.flush();
        out.flush();
        err.flush();
        return rc;
    }

    /** Whether the line runs a command that only reads (thin_check's fixing options write). */
    static boolean readOnly(List<String> words) {
        return READ_ONLY.contains(words.get(0)) && !(words.get(0).equals("thin_check")
                && (words.contains("--clear-needs-check-flag") || words.contains("--auto-repair")));
    }

    private CommandModel build(String name) {
        Dispatcher.Entry entry = catalogue.entries().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow();
        CliContext context = new CliContext(LvmHome.fromEnvironment(env), out, err, null, false, name, 0);
        CommandSpec spec = new CommandLine(entry.factory().apply(context)).getCommandSpec();
        List<CommandModel.OptionModel> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                options.add(option(o));
            }
        }
        List<CommandModel.PositionalModel> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            CommandLine.Range index = p.index();
            positionals.add(new CommandModel.PositionalModel(index.min(),
                    index.isVariable() ? Integer.MAX_VALUE : index.max(), p.paramLabel()));
        }
        return new CommandModel(name, entry.summary(), options, positionals);
    }

    private static CommandModel.OptionModel option(OptionSpec o) {
        String description = o.description().length == 0 ? "" : o.description()[0].replace("%%", "%");
        boolean takesValue = o.arity().max() > 0;
        List<String> values = List.of();
        if (takesValue) {
            values = closedList(o, description);
        }
        return new CommandModel.OptionModel(List.of(o.names()), takesValue, o.paramLabel(), description, values);
    }

    /** The values of an option whose candidates, label or description list them ({@code a|b|c}). */
    private static List<String> closedList(OptionSpec o, String description) {
        if (o.completionCandidates() != null) {
            List<String> values = new ArrayList<>();
            o.completionCandidates().forEach(values::add);
            return values;
        }
        for (String text : new String[] {o.paramLabel(), description}) {
            String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
            if (t.matches("[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)+")) {
                return List.of(t.split("\\|"));
            }
        }
        return KNOWN_VALUES.getOrDefault(o.longestName(), List.of());
    }
}
