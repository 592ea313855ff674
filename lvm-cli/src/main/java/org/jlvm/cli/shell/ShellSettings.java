package org.jlvm.cli.shell;

import java.nio.file.Path;
import org.jlvm.cli.lvm.vg.LvmHome;

/**
 * The shell's settings: the prompt, the history file and how many lines it keeps (lvm's
 * {@code shell/history_size}).
 */
public record ShellSettings(String prompt, Path historyFile, int historySize) {
    public static final String PROMPT = "lvm> ";
    public static final int HISTORY_SIZE = 100;

    public ShellSettings {
        if (historySize < 0) {
            throw new IllegalArgumentException("history size " + historySize + " is negative");
        }
    }

    /** lvm's prompt and history size; the history in {@code $JLVM_HOME/lvm_history}. */
    public static ShellSettings defaults(LvmHome home) {
        return new ShellSettings(PROMPT, home.root().resolve("lvm_history"), HISTORY_SIZE);
    }
}
