package org.jlvm.thin.pool;

/**
 * A thin device's status (the kernel's thin status line, in blocks rather than sectors).
 *
 * @param highestMappedBlock the highest mapped virtual block, or -1 when nothing is mapped
 */
public record VolumeStatus(long deviceId, long mappedBlocks, long highestMappedBlock) {
}
