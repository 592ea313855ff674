package org.jlvm.cli.command;

import picocli.CommandLine.Option;

/** {@code -y} and {@code -f} of the verbs that prompt or refuse without force (a picocli mixin). */
public final class PromptOptions {
    @Option(names = {"-y", "--yes"}, description = "Answer yes to all prompts.")
    boolean yes;

    @Option(names = {"-f", "--force"}, description = "Override checks and prompts (repeatable).")
    boolean[] force = new boolean[0];

    boolean forced() {
        return force.length > 0;
    }
}
