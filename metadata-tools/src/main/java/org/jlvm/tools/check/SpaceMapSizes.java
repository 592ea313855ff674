package org.jlvm.tools.check;

import org.jlvm.pool.sm.disk.MetadataSpaceMap;
import org.jlvm.thin.format.ThinSuperblock;

/**
 * The superblock's space-map sizes checked against the metadata device before anything is sized from them:
 * every bitmap is a block of its own, and the metadata index block holds at most 255 of them.
 */
final class SpaceMapSizes {
    static final long PER_BITMAP = Checker.PER_BITMAP;

    private SpaceMapSizes() {
    }

    /** Why the sizes in {@code sb} cannot be right for a device of {@code deviceBlocks}, or null. */
    static String impossible(ThinSuperblock sb, long deviceBlocks) {
        long md = sb.metadataSpaceMapRoot().nrBlocks();
        if (bitmaps(md) > Math.min(MetadataSpaceMap.MAX_BITMAPS, deviceBlocks)) {
            return "metadata space map nr_blocks " + Long.toUnsignedString(md) + " is impossible for a metadata"
                    + " device of " + deviceBlocks + " blocks (its index holds at most "
                    + MetadataSpaceMap.MAX_BLOCKS + ")";
        }
        long data = sb.dataSpaceMapRoot().nrBlocks();
        if (bitmaps(data) > deviceBlocks) {
            return "data space map nr_blocks " + Long.toUnsignedString(data) + " is impossible for a metadata"
                    + " device of " + deviceBlocks + " blocks (its bitmaps would not fit)";
        }
        return null;
    }

    /** Bitmaps needed for {@code nrBlocks} (unsigned), saturating at Long.MAX_VALUE. */
    static long bitmaps(long nrBlocks) {
        if (nrBlocks < 0) {
            return Long.MAX_VALUE;
        }
        return nrBlocks / PER_BITMAP + (nrBlocks % PER_BITMAP == 0 ? 0 : 1);
    }
}
