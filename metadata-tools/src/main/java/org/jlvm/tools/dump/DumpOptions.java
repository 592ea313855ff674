package org.jlvm.tools.dump;

import java.util.Set;

/**
 * What to dump: {@code metadataSnap} null = live metadata, 0 = the snapshot in held_root, else that block;
 * {@code devIds} empty = every device.
 */
public record DumpOptions(Long metadataSnap, boolean skipMappings, Set<Long> devIds) {
}
