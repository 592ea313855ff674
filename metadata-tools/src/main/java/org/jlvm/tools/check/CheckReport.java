package org.jlvm.tools.check;

import java.util.List;

/**
 * What thin_check found: the stdout lines, the stderr lines (progress and damage, in order), the damage
 * and the verdict.
 */
public record CheckReport(List<String> out, List<String> err, List<Damage> damage, Outcome outcome) {
    /** The verdict: nothing wrong, only non-fatal problems (leaks), or fatal ones. */
    public enum Outcome {
        SUCCESS, NON_FATAL, FATAL
    }

    /** 0.9.0's exit code. */
    public int exitCode(boolean ignoreNonFatal) {
        return switch (outcome) {
            case SUCCESS -> 0;
            case NON_FATAL -> ignoreNonFatal ? 0 : 1;
            case FATAL -> 1;
        };
    }
}
