package org.jlvm.tools.restore;

/** Superblock values from the command line that replace the XML's (null = keep the XML's). */
public record RestoreOverrides(Long transactionId, Long dataBlockSize, Long nrDataBlocks) {
    public static final RestoreOverrides NONE = new RestoreOverrides(null, null, null);
}
