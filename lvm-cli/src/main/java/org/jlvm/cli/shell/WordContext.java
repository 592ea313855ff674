package org.jlvm.cli.shell;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the word being completed stands in a command line, read with the command's model: after an option that
 * wants a value (and which), or as the n-th positional parameter, with the flags and option values typed
 * before it (which filter the names offered: pools after {@code -T}, thin LVs after {@code -s}).
 *
 * @param valueOf the option whose value the word is, if it is one
 * @param valuePrefix what precedes the value in the word ({@code --type=} for {@code --type=thi}), else empty
 * @param positional the index of the positional parameter the word would be
 * @param flags the options without a value typed before the word, under every name they have
 * @param values the option values typed before the word, under every name of their option
 */
record WordContext(Optional<CommandModel.OptionModel> valueOf, String valuePrefix, int positional, Set<String> flags,
        Map<String, String> values) {

    /** Reads {@code words[first..index)} (the words after the command name) for {@code words[index]}. */
    static WordContext of(CommandModel model, List<String> words, int first, int index) {
        Set<String> flags = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        CommandModel.OptionModel pending = null;
        int positional = 0;
        for (int i = first; i < index; i++) {
            String w = words.get(i);
            if (pending != null) {
                put(values, pending, w);
                pending = null;
            } else if (isOption(w)) {
                int eq = w.indexOf('=');
                Optional<CommandModel.OptionModel> o = model.option(eq > 0 ? w.substring(0, eq) : w);
                if (o.isPresent() && eq > 0) {
                    put(values, o.get(), w.substring(eq + 1));
                } else if (o.isPresent() && o.get().takesValue()) {
                    pending = o.get();
                } else if (o.isPresent()) {
                    flags.addAll(o.get().names());
                } else {
                    attachedShortValue(model, w).ifPresent(v -> put(values, v, w.substring(2)));
                }
            } else {
                positional++;
            }
        }
        String current = words.get(index);
        if (pending != null) {
            return new WordContext(Optional.of(pending), "", positional, flags, values);
        }
        int eq = current.indexOf('=');
        if (current.startsWith("--") && eq > 0) {
            Optional<CommandModel.OptionModel> o = model.option(current.substring(0, eq));
            if (o.isPresent() && o.get().takesValue()) {
                return new WordContext(o, current.substring(0, eq + 1), positional, flags, values);
            }
        }
        return new WordContext(Optional.empty(), "", positional, flags, values);
    }

    /** A word that is an option rather than a value ({@code -1} and {@code -} are not). */
    static boolean isOption(String w) {
        return w.length() > 1 && w.charAt(0) == '-' && !Character.isDigit(w.charAt(1));
    }

    /** The value of any of {@code names} typed before the word. */
    Optional<String> value(String... names) {
        for (String n : names) {
            if (values.containsKey(n)) {
                return Optional.of(values.get(n));
            }
        }
        return Optional.empty();
    }

    boolean flag(String... names) {
        for (String n : names) {
            if (flags.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** {@code -an}: a short option with its value attached. */
    private static Optional<CommandModel.OptionModel> attachedShortValue(CommandModel model, String w) {
        if (w.startsWith("--") || w.length() < 3) {
            return Optional.empty();
        }
        return model.option(w.substring(0, 2)).filter(CommandModel.OptionModel::takesValue);
    }

    private static void put(Map<String, String> values, CommandModel.OptionModel o, String value) {
        for (String n : o.names()) {
            values.put(n, value);
        }
    }
}
