package org.jlvm.thin.pool;

/**
 * The pool's status, field for field the kernel's thin-pool status line.
 *
 * @param heldRoot the metadata snapshot's block, or 0 when none is held
 */
public record ThinPoolStatus(long transactionId, long usedMetadataBlocks, long totalMetadataBlocks,
                             long usedDataBlocks, long totalDataBlocks, long heldRoot, PoolMode mode,
                             boolean needsCheck, DiscardMode discardMode, NoSpacePolicy noSpacePolicy) {

    /** Free data blocks now (blocks freed since the last commit count as free). */
    public long freeDataBlocks() {
        return totalDataBlocks - usedDataBlocks;
    }

    /** The kernel's format: {@code <tid> <used>/<total meta> <used>/<total data> <held|-> <mode> ...}. */
    @Override
    public String toString() {
        return transactionId + " " + usedMetadataBlocks + "/" + totalMetadataBlocks + " " + usedDataBlocks + "/"
                + totalDataBlocks + " " + (heldRoot == 0 ? "-" : Long.toString(heldRoot)) + " "
                + mode.statusWord() + " " + (discardMode == DiscardMode.IGNORE ? "ignore_discard"
                : discardMode == DiscardMode.PASSDOWN ? "discard_passdown" : "no_discard_passdown") + " "
                + (noSpacePolicy == NoSpacePolicy.QUEUE ? "queue_if_no_space" : "error_if_no_space") + " "
                + (needsCheck ? "needs_check" : "-");
    }
}
