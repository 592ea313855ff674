package org.jlvm.cli.shell;

import java.io.BufferedReader;
import java.util.List;
import java.util.Optional;

/**
 * The commands the shell runs: the same command objects and dispatcher as {@code jlvm VERB}, in this JVM. The
 * CLI implements it over its dispatcher and picocli; the shell sees only this contract and {@link CommandModel}.
 */
public interface CommandSet {
    /** Every command's name and one-line summary, sorted by name. */
    List<CommandModel.Summary> commands();

    /** The options and positional parameters of {@code name} (built on first use); empty if no such command. */
    Optional<CommandModel> model(String name);

    /**
     * Runs one command line as {@code jlvm WORDS...} does ({@code help}, {@code help CMD} and {@code version}
     * included), printing what it prints standalone to the CLI's stdout and stderr.
     *
     * @param words the command and its arguments, at least one word
     * @param input where the command's yes/no questions read their answer
     * @param interactive whether {@code input} is a person at a terminal
     * @return the exit code the command would give standalone
     */
    int run(List<String> words, BufferedReader input, boolean interactive);
}
