package org.jlvm.tools.stress;

import java.util.List;

/**
 * Outcome of a thin_stress run: the state on disk after the final commit, and what went wrong.
 *
 * @param mismatches differences found between the metadata and the model
 * @param problems the first few differences, described
 */
public record ThinStressResult(long ops, long devices, long mappings, long transaction, long crashes,
                               long mismatches, long commits, long spaceRecoveries, List<String> problems) {

    /** The summary line the command prints last. */
    public String summaryLine() {
        return "ops=" + ops + " devices=" + devices + " mappings=" + mappings + " transaction=" + transaction
                + " crashes=" + crashes + " mismatches=" + mismatches;
    }
}
