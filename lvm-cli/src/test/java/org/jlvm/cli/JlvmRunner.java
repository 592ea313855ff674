package org.jlvm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs jlvm commands in-process through the dispatcher with {@code JLVM_HOME} set, for tests. */
public final class JlvmRunner {
    /** One run: exit code, stdout, stderr. */
    public record Result(int rc, String out, String err) {
        /** stdout lines with lvm's indent and padding trimmed, blank lines dropped. */
        public List<String> rows() {
            return out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        }

        @Override
        public String toString() {
            return "rc=" + rc + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    private final Path home;

    public JlvmRunner(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    public Result run(String... command) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.run(command[0], Arrays.copyOfRange(command, 1, command.length), new PrintWriter(o, true),
                new PrintWriter(e, true), Map.of("JLVM_HOME", home.toString(), "JLVM_LOCK_WAIT_MS", "300"));
        return new Result(rc, o.toString(), e.toString());
    }

    /** Runs and fails with the output unless the exit code is 0. */
    public Result ok(String... command) {
        Result r = run(command);
        if (r.rc() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + r);
        }
        return r;
    }
}
