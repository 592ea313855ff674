package org.jlvm.cli.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * TAB completion from the commands' own models: command names, the options of the command typed, option values
 * that form a closed list, report field names for {@code -o}/{@code -O}/{@code -S}, and, beyond lvm, names:
 * VGs, {@code VG/LV} filtered by what fits where the word is, PV paths (known PVs first, then files).
 */
final class ShellCompleter implements Completer {
    /** The kinds of names a word can take. */
    enum Kind { VG, LV, POOL, THIN, ACTIVE_LV, PV, FILE }

    /** The shell's own words, offered with the commands. */
    static final List<CommandModel.Summary> BUILTINS = List.of(
            new CommandModel.Summary("exit", "leave the shell"),
            new CommandModel.Summary("quit", "leave the shell"),
            new CommandModel.Summary("echo", "print its words; $? is the last command's exit status"),
            new CommandModel.Summary("help", "list the commands, or show a command's usage"),
            new CommandModel.Summary("version", "print the version"));

    private final CommandSet commands;
    private final VolumeNames names;
    private final Predicate<VolumeNames.Lv> active;
    private final Path cwd;

    /**
     * @param active which LVs are active (offered after {@code -an}); until activation state exists, every LV
     * @param cwd where relative file names start
     */
    ShellCompleter(CommandSet commands, VolumeNames names, Predicate<VolumeNames.Lv> active, Path cwd) {
        this.commands = commands;
        this.names = names;
        this.active = active;
        this.cwd = cwd;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates.addAll(candidates(line.words(), line.wordIndex()));
    }

    /** Every candidate for {@code words[index]} (jline keeps those that match what is typed). */
    List<Candidate> candidates(List<String> words, int index) {
        int first = !words.isEmpty() && index > 0 && (words.get(0).equals("lvm") || words.get(0).equals("jlvm")) ? 1 : 0;
        if (index == first) {
            return commandNames(true);
        }
        String command = words.get(first);
        if (command.equals("help") && index == first + 1) {
            return commandNames(false);
        }
        Optional<CommandModel> model = commands.model(command);
        if (model.isEmpty()) {
            return List.of();
        }
        String word = words.get(index);
        WordContext ctx = WordContext.of(model.get(), words, first + 1, index);
        if (ctx.valueOf().isPresent()) {
            return values(command, ctx.valueOf().get(), ctx.valuePrefix(), word.substring(ctx.valuePrefix().length()));
        }
        if (WordContext.isOption(word) || word.equals("-")) {
            return options(model.get());
        }
        Optional<String> label = model.get().positionalLabel(ctx.positional());
        return label.isEmpty() ? List.of() : names(kinds(label.get(), ctx), word);
    }

    private List<Candidate> commandNames(boolean builtins) {
        List<Candidate> out = new ArrayList<>();
        for (CommandModel.Summary s : commands.commands()) {
            out.add(new Candidate(s.name(), s.name(), null, s.summary(), null, null, true));
        }
        if (builtins) {
            for (CommandModel.Summary s : BUILTINS) {
                out.add(new Candidate(s.name(), s.name(), null, s.summary(), null, null, true));
            }
        }
        return out;
    }

    private static List<Candidate> options(CommandModel model) {
        List<Candidate> out = new ArrayList<>();
        for (CommandModel.OptionModel o : model.options()) {
            for (String n : o.names()) {
                out.add(new Candidate(n, n, null, o.description(), null, o.longName(), true));
            }
        }
        return out;
    }

    private List<Candidate> values(String command, CommandModel.OptionModel o, String prefix, String typed) {
        if (o.named("-o", "--options", "-O", "--sort")) {
            return FieldCandidates.list(command, prefix + typed);
        }
        if (o.named("-S", "--select")) {
            return FieldCandidates.selection(command, prefix + typed);
        }
        if (!o.values().isEmpty()) {
            List<Candidate> out = new ArrayList<>();
            for (String v : o.values()) {
                out.add(new Candidate(prefix + v, v, null, null, null, null, true));
            }
            return out;
        }
        if (o.named("--thinpool")) {
            return names(EnumSet.of(Kind.POOL), typed);
        }
        return prefix.isEmpty() ? names(labelKinds(o.paramLabel()), typed) : List.of();
    }

    /** The kinds a positional parameter takes, narrowed by what was typed before it. */
    private static Set<Kind> kinds(String label, WordContext ctx) {
        Set<Kind> kinds = labelKinds(label);
        if (!kinds.contains(Kind.LV)) {
            return kinds;
        }
        if (ctx.flag("-s", "--snapshot")) {
            return EnumSet.of(Kind.THIN);
        }
        if (ctx.flag("-T", "--thin")) {
            return EnumSet.of(Kind.VG, Kind.POOL);
        }
        Optional<String> activation = ctx.value("-a", "--activate");
        if (activation.isPresent() && activation.get().endsWith("n")) {
            return EnumSet.of(Kind.ACTIVE_LV);
        }
        return kinds;
    }

    /** {@code VG|VG/LV} → VGs and LVs; {@code PV} → PV paths; {@code FILE}, {@code DEVICE} → files. */
    static Set<Kind> labelKinds(String label) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String token : label.split("[|\\s]+")) {
            switch (token) {
                case "VG" -> kinds.add(Kind.VG);
                case "VG/LV", "LV" -> kinds.add(Kind.LV);
                case "PV" -> kinds.add(Kind.PV);
                case "FILE", "DEVICE", "PATH" -> kinds.add(Kind.FILE);
                default -> {
                    // a new name (VG_new, LV_new) or a value: nothing to offer
                }
            }
        }
        return kinds;
    }

    private List<Candidate> names(Set<Kind> kinds, String typed) {
        List<Candidate> out = new ArrayList<>();
        if (kinds.isEmpty()) {
            return out;
        }
        if (kinds.contains(Kind.PV) || kinds.contains(Kind.FILE)) {
            Set<String> seen = new HashSet<>();
            if (kinds.contains(Kind.PV)) {
                for (Path p : names.read().knownPvs()) {
                    seen.add(p.toString());
                    out.add(new Candidate(p.toString(), p.toString(), "PVs", "known PV", null, null, true));
                }
            }
            for (Candidate c : FileCandidates.of(cwd, typed, "files")) {
                if (!seen.contains(cwd.resolve(c.value()).normalize().toString())) {
                    out.add(c);
                }
            }
            if (!kinds.contains(Kind.VG) && !kinds.contains(Kind.LV)) {
                return out;
            }
        }
        VolumeNames.Snapshot snap = names.read();
        if (kinds.contains(Kind.VG)) {
            for (VolumeNames.Vg vg : snap.vgs()) {
                out.add(new Candidate(vg.name(), vg.name(), "VGs", "VG, " + vg.lvs().size() + " LVs", null, null, true));
            }
        }
        for (VolumeNames.Lv lv : snap.lvs()) {
            if (lvFits(kinds, lv)) {
                out.add(new Candidate(lv.path(), lv.path(), "LVs", lv.detail(), null, null, true));
            }
        }
        return out;
    }

    private boolean lvFits(Set<Kind> kinds, VolumeNames.Lv lv) {
        return kinds.contains(Kind.LV)
                || kinds.contains(Kind.POOL) && lv.type() == VolumeNames.LvType.THIN_POOL
                || kinds.contains(Kind.THIN) && lv.thin()
                || kinds.contains(Kind.ACTIVE_LV) && active.test(lv);
    }
}
