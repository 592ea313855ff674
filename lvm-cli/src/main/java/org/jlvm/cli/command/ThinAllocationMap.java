package org.jlvm.cli.command;

import java.io.IOException;
import org.jlvm.cli.nbd.AllocationMap;
import org.jlvm.thin.pool.ThinVolume;

/** A thin volume's mapped and unmapped blocks as an NBD allocation map (unmapped blocks read as zeroes). */
public final class ThinAllocationMap implements AllocationMap {
    /** Blocks looked up per call at most; callers ask again from where an extent ends. */
    private static final int MAX_BLOCKS_PER_EXTENT = 4096;

    private final ThinVolume volume;
    private final long blockBytes;

    public ThinAllocationMap(ThinVolume volume, long blockBytes) {
        this.volume = volume;
        this.blockBytes = blockBytes;
    }

    @Override
    public Extent extentAt(long offset, long maxLength) throws IOException {
        boolean mapped = volume.isMapped(offset);
        long end = Math.min(offset + maxLength, volume.size());
        long next = (offset / blockBytes + 1) * blockBytes;
        for (int i = 1; i < MAX_BLOCKS_PER_EXTENT && next < end && volume.isMapped(next) == mapped; i++) {
            next += blockBytes;
        }
        return new Extent(Math.min(next, end) - offset, mapped);
    }
}
