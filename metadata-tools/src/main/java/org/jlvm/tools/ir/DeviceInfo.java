package org.jlvm.tools.ir;

/** A thin device's details as the XML and human-readable formats see them. */
public record DeviceInfo(long devId, long mappedBlocks, long transaction, long creationTime, long snapTime) {
}
