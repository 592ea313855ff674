package org.jlvm.tools.stress;

import java.util.List;

/**
 * Outcome of a thin_stress run: the state on disk after the final commit, and what went wrong.
 *
 * @param mismatches differences found between the metadata (and, with I/O, the devices' content) and the model
 * @param problems the first few differences, described
 * @param verifiedReads reads whose content was checked against the model (-1 without I/O)
 * @param crashesInside power cuts that landed inside an operation (-1: not reported)
 */
public record ThinStressResult(long ops, long devices, long mappings, long transaction, long crashes,
                               long mismatches, long commits, long spaceRecoveries, List<String> problems,
                               long verifiedReads, long crashesInside) {

    /** A result without the count of cuts inside operations. */
    public ThinStressResult(long ops, long devices, long mappings, long transaction, long crashes,
                            long mismatches, long commits, long spaceRecoveries, List<String> problems,
                            long verifiedReads) {
        this(ops, devices, mappings, transaction, crashes, mismatches, commits, spaceRecoveries, problems,
                verifiedReads, -1);
    }

    /** A result without data I/O. */
    public ThinStressResult(long ops, long devices, long mappings, long transaction, long crashes,
                            long mismatches, long commits, long spaceRecoveries, List<String> problems) {
        this(ops, devices, mappings, transaction, crashes, mismatches, commits, spaceRecoveries, problems, -1);
    }

    /** The summary line the command prints last. */
    public String summaryLine() {
        return "ops=" + ops + " devices=" + devices + " mappings=" + mappings + " transaction=" + transaction
                + " crashes=" + crashes + " mismatches=" + mismatches
                + (verifiedReads >= 0 ? " verified_reads=" + verifiedReads : "")
                + (crashesInside >= 0 && verifiedReads >= 0 ? " crashes_inside=" + crashesInside : "");
    }
}
