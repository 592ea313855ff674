package org.jlvm.cli.shell;

import java.util.List;
import java.util.Optional;

/**
 * What completion knows of one command, taken from its picocli model by the CLI (one source of truth with the
 * parser): its options and positional parameters.
 */
public record CommandModel(String name, String summary, List<OptionModel> options, List<PositionalModel> positionals) {
    public CommandModel {
        options = List.copyOf(options);
        positionals = List.copyOf(positionals);
    }

    /** A command's name and summary, for the first word and {@code help}. */
    public record Summary(String name, String summary) {
    }

    /**
     * One option: its names ({@code -L}, {@code --size}), whether it takes a value, the value's label and the
     * values it accepts when they form a closed list (empty otherwise).
     */
    public record OptionModel(List<String> names, boolean takesValue, String paramLabel, String description,
            List<String> values) {
        public OptionModel {
            names = List.copyOf(names);
            values = List.copyOf(values);
        }

        /** The longest name ({@code --size} rather than {@code -L}). */
        public String longName() {
            String best = names.get(0);
            for (String n : names) {
                if (n.length() > best.length()) {
                    best = n;
                }
            }
            return best;
        }

        boolean named(String... any) {
            for (String a : any) {
                if (names.contains(a)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Positional parameters {@code from..to} (inclusive; {@code to} is {@link Integer#MAX_VALUE} for "and the
     * rest") with picocli's label, e.g. {@code VG|VG/LV} or {@code PV}.
     */
    public record PositionalModel(int from, int to, String paramLabel) {
    }

    /** The option called {@code name} ({@code -L} or {@code --size}). */
    public Optional<OptionModel> option(String name) {
        for (OptionModel o : options) {
            if (o.names().contains(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The label of positional parameter {@code index}, if the command has one there. */
    public Optional<String> positionalLabel(int index) {
        for (PositionalModel p : positionals) {
            if (index >= p.from() && index <= p.to()) {
                String[] words = p.paramLabel().trim().split("\\s+");
                int inSpec = index - p.from();
                return Optional.of(words[Math.min(inSpec, words.length - 1)]);
            }
        }
        return Optional.empty();
    }
}
