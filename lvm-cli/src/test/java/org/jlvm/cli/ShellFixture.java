package org.jlvm.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.jlvm.cli.shell.CommandSet;

/** The CLI's real command set for the shell's tests (the class behind it is package-private). */
public final class ShellFixture {
    private ShellFixture() {
    }

    /** The dispatcher's commands under {@code env} (JLVM_HOME, ...), printing to {@code out}/{@code err}. */
    public static CommandSet commands(Map<String, String> env, PrintWriter out, PrintWriter err) {
        return new ShellCommands(env, out, err);
    }
}
